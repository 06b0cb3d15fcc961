using System.Globalization;
using ApiAuth.SigV4;

namespace ApiAuth.Cli;

/// <summary>Reads <c>--now</c>: ISO 8601 extended (<c>2015-08-30T12:36:00Z</c>) or basic (<c>20150830T123600Z</c>).</summary>
internal static class CliTime
{
    public static bool TryParse(string? text, out TimeProvider provider)
    {
        provider = TimeProvider.System;
        if (text is null)
        {
            return true;
        }
        if (DateTimeOffset.TryParseExact(text, SigV4Constants.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var basic)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out basic))
        {
            provider = new FixedTimeProvider(basic.ToUniversalTime());
            return true;
        }
        return false;
    }
}
