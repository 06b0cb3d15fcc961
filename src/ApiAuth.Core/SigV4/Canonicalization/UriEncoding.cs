using System.Buffers;
using System.Text;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>RFC 3986 encoding as SigV4 defines it: only <c>A-Z a-z 0-9 - . _ ~</c> stay as they are.</summary>
internal static class UriEncoding
{
    private const string UnreservedChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    // Runs of characters that stay as they are are copied in bulk; only the rest goes through the per-byte path.
    private static readonly SearchValues<char> Unreserved = SearchValues.Create(UnreservedChars);
    private static readonly SearchValues<char> UnreservedOrSlash = SearchValues.Create(UnreservedChars + "/");

    public static bool IsUnreserved(int c) =>
        c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~';

    /// <summary>RFC 3986 sub-delimiters, which the AWS SDK for .NET leaves unencoded in canonical paths.</summary>
    public static bool IsSubDelimiter(int c) => c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    /// <summary>Encodes one byte, leaving unreserved characters (and '/' and sub-delimiters when asked) as they are.</summary>
    public static void AppendEncoded(ref PooledByteBuffer output, byte value, bool keepSlash, bool keepSubDelimiters = false)
    {
        if (IsUnreserved(value) || (keepSlash && value == '/') || (keepSubDelimiters && IsSubDelimiter(value)))
        {
            output.Append(value);
        }
        else
        {
            output.AppendPercentEncoded(value);
        }
    }

    /// <summary>Encodes text (as UTF-8 bytes) without decoding anything first: a '%' becomes <c>%25</c>.</summary>
    public static void AppendEncoded(ref PooledByteBuffer output, ReadOnlySpan<char> text, bool keepSlash, bool keepSubDelimiters = false)
    {
        var kept = keepSlash ? UnreservedOrSlash : Unreserved;
        var i = 0;
        while (i < text.Length)
        {
            var run = text[i..].IndexOfAnyExcept(kept);
            if (run != 0)
            {
                run = run < 0 ? text.Length - i : run;
                output.Append(text.Slice(i, run));
                i += run;
                continue;
            }
            var c = text[i];
            if (c < 0x80)
            {
                AppendEncoded(ref output, (byte)c, keepSlash, keepSubDelimiters);
                i++;
                continue;
            }
            i += AppendEncodedRune(ref output, text[i..]);
        }
    }

    /// <summary>
    /// Percent-decodes query text to bytes and encodes them again canonically. Malformed escapes are taken
    /// literally, so <c>%zz</c> becomes <c>%25zz</c>, which is what AWS's own signers produce for such input. A raw
    /// <c>+</c> is a space, as the application will read it: signing it as a plus would let <c>a%2Bb</c> and
    /// <c>a+b</c> share a signature while the application sees different values.
    /// </summary>
    public static void AppendDecodedThenEncoded(ref PooledByteBuffer output, ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var run = text[i..].IndexOfAnyExcept(Unreserved);
            if (run != 0)
            {
                run = run < 0 ? text.Length - i : run;
                output.Append(text.Slice(i, run));
                i += run;
                continue;
            }
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && TryHex(text[i + 1], out var hi) && TryHex(text[i + 2], out var lo))
            {
                AppendEncoded(ref output, (byte)((hi << 4) | lo), keepSlash: false);
                i += 3;
                continue;
            }
            if (c == '+')
            {
                output.AppendPercentEncoded((byte)' ');
                i++;
                continue;
            }
            if (c < 0x80)
            {
                AppendEncoded(ref output, (byte)c, keepSlash: false);
                i++;
                continue;
            }
            i += AppendEncodedRune(ref output, text[i..]);
        }
    }

    // Percent-encodes the UTF-8 bytes of the character (or surrogate pair) that starts the text; returns the chars used.
    private static int AppendEncodedRune(ref PooledByteBuffer output, ReadOnlySpan<char> text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        Rune.DecodeFromUtf16(text, out var rune, out var consumed);
        var written = rune.EncodeToUtf8(utf8);
        for (var b = 0; b < written; b++)
        {
            output.AppendPercentEncoded(utf8[b]);
        }
        return consumed;
    }

    /// <summary>Percent-decodes ASCII text into <paramref name="destination"/>; false when it does not fit or is not ASCII.</summary>
    public static bool TryDecodeAscii(ReadOnlySpan<char> text, Span<char> destination, out int written)
    {
        written = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (written == destination.Length)
            {
                return false;
            }
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && TryHex(text[i + 1], out var hi) && TryHex(text[i + 2], out var lo))
            {
                c = (char)((hi << 4) | lo);
                i += 3;
            }
            else
            {
                i++;
            }
            if (c >= 0x80)
            {
                return false;
            }
            destination[written++] = c;
        }
        return true;
    }

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
