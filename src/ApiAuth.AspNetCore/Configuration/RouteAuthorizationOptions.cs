namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// How one route is protected, configured rather than written in code: <c>"Routes": { "GET /pets/{id}":
/// { "AuthorizationType": "AWS_IAM" } }</c>, as API Gateway's method settings.
/// </summary>
public sealed class RouteAuthorizationOptions
{
    /// <summary><c>NONE</c>, <c>AWS_IAM</c>, <c>COGNITO_USER_POOLS</c> or <c>CUSTOM</c>.</summary>
    public string AuthorizationType { get; set; } = "";

    /// <summary>The authorizer's name in <c>ApiAuth:Authorizers</c>, for <c>COGNITO_USER_POOLS</c> and <c>CUSTOM</c>.</summary>
    public string? Authorizer { get; set; }

    /// <summary><c>COGNITO_USER_POOLS</c>: OAuth scopes of which the access token must hold one; none = an id token.</summary>
    public IList<string> AuthorizationScopes { get; } = [];

    /// <summary>Whether the route needs an API key (from <c>ApiAuth:ApiKeys</c> or an <c>IApiKeyStore</c>), checked after
    /// authorization, with its usage plan's throttle and quota.</summary>
    public bool ApiKeyRequired { get; set; }

    /// <summary>Where the route comes from when a definition declares it, for messages; null = configuration.</summary>
    internal string? Source { get; set; }
}
