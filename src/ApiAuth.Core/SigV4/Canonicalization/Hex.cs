namespace ApiAuth.SigV4.Canonicalization;

/// <summary>Lower-case hex without allocation, and strict parsing of the lower-case hex SigV4 uses.</summary>
internal static class Hex
{
    public static void WriteLower(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)"0123456789abcdef"[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)"0123456789abcdef"[bytes[i] & 0xF];
        }
    }

    public static void WriteLower(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            destination[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }
    }

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
