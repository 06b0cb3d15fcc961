namespace ApiAuth.Model;

/// <summary>A route's auth as configured (checked by <see cref="ApiModelBuilder"/>), as API Gateway's method settings.</summary>
public sealed class RouteSettings
{
    /// <summary><c>NONE</c>, <c>AWS_IAM</c>, <c>COGNITO_USER_POOLS</c> or <c>CUSTOM</c> (any case).</summary>
    public string AuthorizationType { get; set; } = "";

    /// <summary>The authorizer's name, for <c>COGNITO_USER_POOLS</c> and <c>CUSTOM</c>.</summary>
    public string? Authorizer { get; set; }

    /// <summary><c>COGNITO_USER_POOLS</c>: OAuth scopes of which the access token must hold one.</summary>
    public IList<string> AuthorizationScopes { get; } = [];

    /// <summary>Whether the route needs an API key.</summary>
    public bool ApiKeyRequired { get; set; }

    /// <summary>Where the route was declared, for messages; null = its configuration path.</summary>
    public string? Origin { get; set; }
}
