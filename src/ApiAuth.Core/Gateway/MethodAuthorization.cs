namespace ApiAuth.Gateway;

/// <summary>How one API method is protected: its authorization type, the named authorizer and the scopes it needs.</summary>
/// <param name="Type">NONE, AWS_IAM, COGNITO_USER_POOLS or CUSTOM.</param>
/// <param name="AuthorizerName">The Cognito or custom authorizer's name; null for NONE and AWS_IAM.</param>
/// <param name="Scopes">For Cognito: OAuth scopes of which the access token must hold one; empty = an id token.</param>
public sealed record MethodAuthorization(AuthorizationType Type, string? AuthorizerName = null, IReadOnlyList<string>? Scopes = null)
{
    /// <summary>An open method (API Gateway's NONE): only the resource policy applies.</summary>
    public static MethodAuthorization None { get; } = new(AuthorizationType.None);

    /// <summary>A method that needs a SigV4-signed request (AWS_IAM).</summary>
    public static MethodAuthorization AwsIam { get; } = new(AuthorizationType.AwsIam);

    /// <summary>Whether the method requires an API key (API Gateway's <c>apiKeyRequired</c>), checked after
    /// authorization, with the key's usage plan.</summary>
    public bool ApiKeyRequired { get; init; }

    /// <summary>The scopes, never null.</summary>
    public IReadOnlyList<string> RequiredScopes => Scopes ?? [];
}
