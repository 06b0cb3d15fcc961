using Microsoft.AspNetCore.Routing.Patterns;

namespace ApiAuth.AspNetCore.Http;

/// <summary>
/// The path that goes into the method ARN. Routing matches literals case-insensitively and ignores a trailing
/// slash, where API Gateway would answer 404; so literal segments are spelled as the route template spells them
/// and a trailing slash is dropped. Otherwise <c>GET /ADMIN/x</c> would slip past a Deny on <c>…/GET/admin/*</c>.
/// </summary>
internal static class ResourcePath
{
    public static string For(string requestPath, RoutePattern? pattern)
    {
        var trimmed = requestPath.Length > 1 ? requestPath.TrimEnd('/') : requestPath;
        if (pattern is null)
        {
            return trimmed.Length == 0 ? "/" : trimmed;
        }
        if (trimmed.StartsWith('/') && SpelledAsTemplate(trimmed, pattern))
        {
            // The usual request: nothing to respell, so the path is its own answer (no split, no join).
            return trimmed;
        }
        var segments = trimmed.Split('/', StringSplitOptions.None)[1..];
        for (var i = 0; i < segments.Length && i < pattern.PathSegments.Count; i++)
        {
            var parts = pattern.PathSegments[i].Parts;
            if (parts.Count == 1 && parts[0] is RoutePatternLiteralPart literal && segments[i].Equals(literal.Content, StringComparison.OrdinalIgnoreCase))
            {
                segments[i] = literal.Content;
            }
        }
        return "/" + string.Join('/', segments);
    }

    // False when some literal segment matches the template only ignoring case, i.e. must be respelled.
    private static bool SpelledAsTemplate(string path, RoutePattern pattern)
    {
        var rest = path.AsSpan(1);
        var segments = pattern.PathSegments;
        for (var i = 0; i < segments.Count; i++)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            var parts = segments[i].Parts;
            if (parts.Count == 1 && parts[0] is RoutePatternLiteralPart literal
                && segment.Equals(literal.Content, StringComparison.OrdinalIgnoreCase) && !segment.SequenceEqual(literal.Content))
            {
                return false;
            }
            if (slash < 0)
            {
                break;
            }
            rest = rest[(slash + 1)..];
        }
        return true;
    }
}
