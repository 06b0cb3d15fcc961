namespace ApiAuth.SigV4.Canonicalization;

/// <summary>Strict parsing of the lower-case hex SigV4 uses (upper-case digits are refused).</summary>
internal static class Hex
{
    /// <summary>Parses exactly <c>2 * destination.Length</c> lower-case hex digits.</summary>
    public static bool TryParseLower(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length != destination.Length * 2)
        {
            return false;
        }
        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Digit(text[2 * i]);
            var lo = Digit(text[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }
            destination[i] = (byte)((hi << 4) | lo);
        }
        return true;
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
