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
}
