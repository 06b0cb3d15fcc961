using System.Buffers;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>
/// Canonical header lines for the signed header names: <c>name:value\n</c>, with repeated headers joined by ','
/// in the order received, and each value trimmed with inner runs of white space collapsed to one space.
/// </summary>
internal static class CanonicalHeaders
{
    private const string WhiteSpaceChars = " \t\r\n";
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(WhiteSpaceChars);

    /// <summary>Appends one line per signed header; returns false when a signed header is absent.</summary>
    public static bool TryAppend(ref PooledByteBuffer output, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<char> signedHeaders)
    {
        foreach (var range in signedHeaders.Split(';'))
        {
            var name = signedHeaders[range];
            output.Append(name);
            output.Append((byte)':');
            var found = false;
            if (HeaderLines.TryGetSpan(headers, out var lines))
            {
                foreach (var header in lines)
                {
                    AppendIfNamed(ref output, name, header, ref found);
                }
            }
            else
            {
                for (var i = 0; i < headers.Count; i++)
                {
                    AppendIfNamed(ref output, name, headers[i], ref found);
                }
            }
            if (!found)
            {
                return false;
            }
            output.Append((byte)'\n');
        }
        return true;
    }

    private static void AppendIfNamed(ref PooledByteBuffer output, ReadOnlySpan<char> name, KeyValuePair<string, string> header, ref bool found)
    {
        if (header.Key.Length != name.Length || !name.Equals(header.Key, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        if (found)
        {
            output.Append((byte)',');
        }
        found = true;
        AppendTrimmed(ref output, header.Value);
    }

    private static void AppendTrimmed(ref PooledByteBuffer output, ReadOnlySpan<char> value)
    {
        value = value.Trim(WhiteSpaceChars);
        var start = 0;
        while (start < value.Length)
        {
            var space = value[start..].IndexOfAny(WhiteSpace);
            if (space < 0)
            {
                output.Append(value[start..]);
                return;
            }
            output.Append(value.Slice(start, space));
            output.Append((byte)' ');
            start += space;
            while (start < value.Length && value[start] is ' ' or '\t' or '\r' or '\n')
            {
                start++;
            }
        }
    }
}
