namespace ApiAuth.SigV4.Canonicalization;

/// <summary>
/// Canonical header lines for the signed header names: <c>name:value\n</c>, with repeated headers joined by ','
/// in the order received, and each value trimmed with inner runs of white space collapsed to one space.
/// </summary>
internal static class CanonicalHeaders
{
    /// <summary>Appends one line per signed header; returns false when a signed header is absent.</summary>
    public static bool TryAppend(ref PooledByteBuffer output, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<char> signedHeaders)
    {
        foreach (var range in signedHeaders.Split(';'))
        {
            var name = signedHeaders[range];
            output.Append(name);
            output.Append((byte)':');
            var found = false;
            for (var i = 0; i < headers.Count; i++)
            {
                var header = headers[i];
                if (!name.Equals(header.Key, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (found)
                {
                    output.Append((byte)',');
                }
                found = true;
                AppendTrimmed(ref output, header.Value);
            }
            if (!found)
            {
                return false;
            }
            output.Append((byte)'\n');
        }
        return true;
    }

    private static void AppendTrimmed(ref PooledByteBuffer output, ReadOnlySpan<char> value)
    {
        value = value.Trim(" \t\r\n");
        var start = 0;
        while (start < value.Length)
        {
            var space = value[start..].IndexOfAny(" \t\r\n");
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
