using System.Globalization;

namespace ApiAuth.Policies.Parsing;

/// <summary>
/// The typed readings of condition values, shared by the parser (to reject bad policy values) and the evaluator
/// (to read request values). Span-based so request values are read without allocating.
/// </summary>
internal static class ConditionValues
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A finite decimal number; <c>NaN</c>, <c>Infinity</c> and whitespace are rejected.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double number) =>
        double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>
    /// A date as AWS accepts it: epoch seconds (all digits) or ISO 8601 starting <c>yyyy-MM-dd</c>;
    /// a date without an offset is UTC. The result is UTC ticks.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        if (text.Length == 0)
        {
            return false;
        }
        if (IsDigits(text))
        {
            if (text.Length > 12 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > 253402300799)
            {
                return false;
            }
            utcTicks = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcTicks;
            return true;
        }
        if (text.Length < 10 || !IsDigits(text[..4]) || text[4] != '-' || !IsDigits(text[5..7]) || text[7] != '-' || !IsDigits(text[8..10]))
        {
            return false;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return false;
        }
        utcTicks = date.UtcTicks;
        return true;
    }

    /// <summary><c>true</c> or <c>false</c>, any case.</summary>
    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        value = text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
}
