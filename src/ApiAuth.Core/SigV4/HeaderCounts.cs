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
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Key;
            // Switching on length first keeps the common headers (Accept, User-Agent, ...) to one comparison.
            switch (name.Length)
            {
                case 4 when name.Equals(SigV4Constants.DateHeader, StringComparison.OrdinalIgnoreCase):
                    (counts.Date, counts.DateIndex) = (counts.Date + 1, i);
                    break;
                case 10 when name.Equals(SigV4Constants.AmzDateHeader, StringComparison.OrdinalIgnoreCase):
                    (counts.AmzDate, counts.AmzDateIndex) = (counts.AmzDate + 1, i);
                    break;
                case 13 when name.Equals(SigV4Constants.AuthorizationHeader, StringComparison.OrdinalIgnoreCase):
                    (counts.Authorization, counts.AuthorizationIndex) = (counts.Authorization + 1, i);
                    break;
                case 20 when name.Equals(SigV4Constants.SecurityTokenHeader, StringComparison.OrdinalIgnoreCase):
                    (counts.SecurityToken, counts.SecurityTokenIndex) = (counts.SecurityToken + 1, i);
                    break;
                case 20 when name.Equals(SigV4Constants.ContentSha256Header, StringComparison.OrdinalIgnoreCase):
                    (counts.ContentSha256, counts.ContentSha256Index) = (counts.ContentSha256 + 1, i);
                    break;
            }
        }
        return counts;
    }
}
