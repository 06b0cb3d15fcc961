using ApiAuth.AspNetCore.Authentication;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authorization;

namespace ApiAuth.AspNetCore.Authorization;

/// <summary>
/// Protects a controller, action or endpoint the way API Gateway protects a method: <c>AWS_IAM</c>, a named Cognito
/// authorizer (with scopes), a named custom authorizer, or <c>NONE</c> (resource policy only). The closest attribute
/// wins (an action's over its controller's).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ApiAuthorizeAttribute : AuthorizeAttribute
{
    /// <summary>Protects with the given authorization type.</summary>
    public ApiAuthorizeAttribute(AuthorizationType type)
    {
        Type = type;
        // The ApiAuth policy brings both the scheme and the requirement.
        Policy = ApiAuthDefaults.PolicyName;
    }

    /// <summary>The authorization type.</summary>
    public AuthorizationType Type { get; }

    /// <summary>The authorizer's name, for Cognito and custom authorizers.</summary>
    public string? Authorizer { get; set; }

    /// <summary>Cognito: OAuth scopes, of which the access token must hold one.</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Whether the method requires an API key (API Gateway's <c>apiKeyRequired</c>): after authorization, the
    /// request's key must be an enabled key of a usage plan, whose throttle and quota then apply.</summary>
    public bool ApiKeyRequired { get; set; }

    /// <summary>Set when <c>ApiAuth:Routes</c> and code protect the endpoint differently: the request is then refused.</summary>
    internal string? ConfigurationConflict { get; set; }

    /// <summary>The method's authorization, as the pipeline reads it.</summary>
    public MethodAuthorization ToMethodAuthorization() => new(Type, Authorizer, Scopes) { ApiKeyRequired = ApiKeyRequired };
}
