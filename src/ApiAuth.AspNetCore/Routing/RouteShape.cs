using Microsoft.AspNetCore.Routing.Patterns;

namespace ApiAuth.AspNetCore.Routing;

/// <summary>
/// A route template reduced to what decides which requests it matches: literal segments (ignoring case, as ASP.NET
/// Core routing does), <c>{}</c> for a parameter and <c>{+}</c> for a greedy one. API Gateway's <c>/pets/{id}</c> and
/// <c>/files/{proxy+}</c> then meet ASP.NET Core's <c>/pets/{petId:int}</c> and <c>/files/{**path}</c>.
/// </summary>
internal static class RouteShape
{
    /// <summary>The shape of an API Gateway resource path, or null when it is not one.</summary>
    public static string? FromResourcePath(string path) => ApiAuth.Model.RouteKey.Shape(path);

    /// <summary>The shape of an endpoint's route pattern.</summary>
    public static string FromPattern(RoutePattern pattern)
    {
        var shape = new List<string>(pattern.PathSegments.Count);
        foreach (var segment in pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content.ToUpperInvariant(),
                RoutePatternParameterPart { IsCatchAll: true } => "{+}",
                RoutePatternParameterPart => "{}",
                RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            }));
            shape.Add(text);
        }
        return "/" + string.Join('/', shape);
    }
}
