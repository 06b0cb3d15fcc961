using ApiAuth.Gateway;

namespace ApiAuth.Sample;

/// <summary>The sample's own auth conventions, left off when <c>--definition</c> gives the routes' auth.</summary>
internal static class Conventions
{
    public static TBuilder Protect<TBuilder>(this TBuilder builder, bool byDefinition, AuthorizationType type, string? authorizer = null, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        byDefinition ? builder : builder.RequireApiAuthorization(type, authorizer, scopes);
}
