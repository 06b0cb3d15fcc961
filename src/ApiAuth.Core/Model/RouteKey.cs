namespace ApiAuth.Model;

/// <summary>Reads API Gateway's <c>METHOD /path</c> route keys and resource paths.</summary>
internal static class RouteKey
{
    internal static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"];

    /// <summary>Splits a route key; false when it is not <c>METHOD /path</c> with a known method and a resource path.</summary>
    public static bool TryParse(string key, out string method, out string path)
    {
        var parts = key.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        method = parts.Length == 2 ? parts[0].ToUpperInvariant() : "";
        path = parts.Length == 2 ? parts[1] : "";
        return Methods.Contains(method) && Shape(path) is not null;
    }

    /// <summary>
    /// What decides which requests a resource path matches: literal segments in upper case (ASP.NET Core routing
    /// ignores case), <c>{}</c> for a parameter and <c>{+}</c> for a greedy one; null when it is not a resource path.
    /// </summary>
    public static string? Shape(string path)
    {
        if (!path.StartsWith('/'))
        {
            return null;
        }
        var segments = path.Trim('/').Split('/');
        if (segments is [""])
        {
            return "/";
        }
        var shape = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment.Contains('*'))
            {
                return null;
            }
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = segment[1..^1];
                var greedy = name.EndsWith('+');
                if (greedy)
                {
                    name = name[..^1];
                }
                if (name.Length == 0 || name.AsSpan().ContainsAny("{}/+"))
                {
                    return null;
                }
                shape.Add(greedy ? "{+}" : "{}");
                continue;
            }
            if (segment.AsSpan().ContainsAny("{}"))
            {
                return null;
            }
            shape.Add(segment.ToUpperInvariant());
        }
        return "/" + string.Join('/', shape);
    }
}
