using System.Text;

namespace ApiAuth.SigV4;

/// <summary>
/// Reads a raw HTTP/1.1 request (request line with the raw target, header lines, blank line, body) into a
/// <see cref="SigV4Request"/>: the format of the AWS SigV4 test suite and of <c>apiauth verify</c>.
/// </summary>
internal static class RawHttpRequest
{
    /// <summary>The largest request text accepted (headers and body), 10 MiB.</summary>
    public const int MaxLength = 10 * 1024 * 1024;

    /// <summary>Parses a request; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out SigV4Request? request, out string? error)
    {
        request = null;
        if (text.Length > MaxLength)
        {
            error = $"The request is larger than {MaxLength} bytes.";
            return false;
        }

        var headerEnd = FindBlankLine(text, out var bodyStart);
        string head;
        try
        {
            head = new UTF8Encoding(false, true).GetString(text[..headerEnd]);
        }
        catch (DecoderFallbackException)
        {
            error = "The request line and headers are not valid UTF-8.";
            return false;
        }

        var lines = head.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0].TrimEnd('\r');
        var firstSpace = requestLine.IndexOf(' ', StringComparison.Ordinal);
        var lastSpace = requestLine.LastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1 || !requestLine[(lastSpace + 1)..].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            error = $"The first line must be 'METHOD target HTTP/1.1', got '{Truncate(requestLine)}'.";
            return false;
        }

        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] is ' ' or '\t')
            {
                if (headers.Count == 0)
                {
                    error = $"Line {i + 1} continues a header, but no header precedes it.";
                    return false;
                }
                // An obsolete folded line continues the previous header's value.
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"Line {i + 1} is not a 'Name: value' header: '{Truncate(line)}'.";
                return false;
            }
            // The spaces around a field value are not part of it (RFC 9110 §5.5), as an HTTP server would read it.
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        var body = bodyStart < text.Length ? text[bodyStart..].ToArray() : [];
        request = new SigV4Request(requestLine[..firstSpace], requestLine[(firstSpace + 1)..lastSpace], headers, body);
        error = null;
        return true;
    }

    private static int FindBlankLine(ReadOnlySpan<byte> text, out int bodyStart)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
            {
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '\n')
            {
                bodyStart = i + 2;
                return i;
            }
            if (i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
            {
                bodyStart = i + 3;
                return i;
            }
        }
        bodyStart = text.Length;
        return text.Length;
    }

    private static string Truncate(string value) => value.Length > 80 ? value[..80] + "..." : value;
}
