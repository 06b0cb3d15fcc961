using ApiAuth.AspNetCore.Authorization;
using ApiAuth.Gateway;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Protects minimal-API endpoints and groups the way API Gateway protects methods.</summary>
public static class ApiAuthEndpointConventionBuilderExtensions
{
    /// <summary>Requires the given authorization type (AWS_IAM, NONE, or a named authorizer with optional scopes).</summary>
    public static TBuilder RequireApiAuthorization<TBuilder>(this TBuilder builder, AuthorizationType type, string? authorizer = null, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(new ApiAuthorizeAttribute(type) { Authorizer = authorizer, Scopes = scopes });
    }

    /// <summary>Requires the given authorization type and, when <paramref name="apiKeyRequired"/>, an API key of a usage
    /// plan (API Gateway's <c>apiKeyRequired</c>), checked after authorization.</summary>
    public static TBuilder RequireApiAuthorization<TBuilder>(this TBuilder builder, AuthorizationType type, bool apiKeyRequired, string? authorizer = null, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(new ApiAuthorizeAttribute(type) { Authorizer = authorizer, Scopes = scopes, ApiKeyRequired = apiKeyRequired });
    }
}
