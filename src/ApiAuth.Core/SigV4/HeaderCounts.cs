namespace ApiAuth.SigV4;

/// <summary>How often each header SigV4 cares about occurs, and where, found in one pass over the headers.</summary>
internal struct HeaderCounts
{
    public int Authorization;
    public int AuthorizationIndex;
    public int AmzDate;
    public int AmzDateIndex;
    public int Date;
    public int DateIndex;
    public int SecurityToken;
    public int SecurityTokenIndex;
    public int ContentSha256;
    public int ContentSha256Index;

    public static HeaderCounts Of(SigV4Request request)
    {
        var counts = default(HeaderCounts);
        var headers = request.Headers;
        if (HeaderLines.TryGetSpan(headers, out var span))
        {
            for (var i = 0; i < span.Length; i++)
            {
                counts.Count(span[i].Key, i);
            }
            return counts;
        }
        for (var i = 0; i < headers.Count; i++)
        {
            counts.Count(headers[i].Key, i);
        }
        return counts;
    }

    private void Count(string name, int i)
    {
        // Switching on length first keeps the common headers (Accept, User-Agent, ...) to one comparison.
        switch (name.Length)
        {
            case 4 when name.Equals(SigV4Constants.DateHeader, StringComparison.OrdinalIgnoreCase):
                (Date, DateIndex) = (Date + 1, i);
                break;
            case 10 when name.Equals(SigV4Constants.AmzDateHeader, StringComparison.OrdinalIgnoreCase):
                (AmzDate, AmzDateIndex) = (AmzDate + 1, i);
                break;
            case 13 when name.Equals(SigV4Constants.AuthorizationHeader, StringComparison.OrdinalIgnoreCase):
                (Authorization, AuthorizationIndex) = (Authorization + 1, i);
                break;
            case 20 when name.Equals(SigV4Constants.SecurityTokenHeader, StringComparison.OrdinalIgnoreCase):
                (SecurityToken, SecurityTokenIndex) = (SecurityToken + 1, i);
                break;
            case 20 when name.Equals(SigV4Constants.ContentSha256Header, StringComparison.OrdinalIgnoreCase):
                (ContentSha256, ContentSha256Index) = (ContentSha256 + 1, i);
                break;
        }
    }
}
