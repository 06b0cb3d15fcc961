namespace ApiAuth.Authorizers;

/// <summary>An authorizer that validates a bearer JWT for a method's scopes (Cognito user pools, generic OIDC issuers).</summary>
public interface IJwtAuthorizer
{
    /// <summary>Authorizes a token for a method.</summary>
    /// <param name="token">The <c>Authorization</c> header value: the bare token, or <c>Bearer {token}</c>.</param>
    /// <param name="requiredScopes">The method's OAuth scopes.</param>
    /// <param name="cancellationToken">Cancels a JWKS fetch.</param>
    /// <returns>Allow with claims, or 401 with a precise reason.</returns>
    ValueTask<AuthorizerOutcome> AuthorizeAsync(string? token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default);
}
