namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// A generic OIDC JWT authorizer (Auth0, Okta, Google, Entra ID, ...), behaving like API Gateway HTTP APIs' JWT
/// authorizer: RS256 signature by a <c>kid</c> from the issuer's JWKS, exact issuer, <c>aud</c> (or <c>client_id</c>) in
/// the configured audiences, lifetime, and any one of the route's scopes (<c>scope</c> or <c>scp</c>).
/// </summary>
public sealed class JwtAuthorizer
{
    private readonly JwtValidator _validator;
    private readonly IReadOnlyCollection<string> _audiences;

    /// <summary>Creates the authorizer.</summary>
    /// <param name="options">Issuer, audiences, clock skew, size limit.</param>
    /// <param name="signingKeys">The issuer's keys, e.g. <see cref="JwksSource.FromUri"/> with the issuer's <c>jwks_uri</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentException">The options are incomplete.</exception>
    public JwtAuthorizer(JwtAuthorizerOptions options, JwksSource signingKeys, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signingKeys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Issuer);
        if (options.Audiences is null || options.Audiences.Count == 0)
        {
            throw new ArgumentException("A JWT authorizer needs at least one audience.", nameof(options));
        }

        _audiences = options.Audiences.ToHashSet(StringComparer.Ordinal);
        _validator = new JwtValidator([options.Issuer], signingKeys, timeProvider, options.ClockSkew, options.MaximumTokenSize);
    }

    /// <summary>
    /// The conventional JWKS endpoint of an issuer, <c>{issuer}/.well-known/jwks.json</c> (Cognito, Auth0). Issuers that
    /// publish keys elsewhere (Google, Okta, Entra ID) name the URL in their discovery document's <c>jwks_uri</c>.
    /// </summary>
    /// <param name="issuer">The issuer, with or without a trailing slash.</param>
    /// <returns>The JWKS URI.</returns>
    public static Uri JwksUriFor(string issuer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        return new Uri(issuer.TrimEnd('/') + "/.well-known/jwks.json");
    }

    /// <summary>Authorizes a bearer token for a route.</summary>
    /// <param name="token">The token, bare or as <c>Bearer {token}</c>.</param>
    /// <param name="requiredScopes">The route's scopes; the token needs any one of them. Empty: no scope check.</param>
    /// <param name="cancellationToken">Cancels a JWKS fetch.</param>
    /// <returns>Allow with the token's claims and scopes, or 401 with a precise reason.</returns>
    public async ValueTask<AuthorizerOutcome> AuthorizeAsync(string? token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requiredScopes);
        var validation = await _validator.ValidateAsync(JwtClaims.StripBearer(token), cancellationToken).ConfigureAwait(false);
        if (validation.Token is not { } jwt)
        {
            return AuthorizerOutcome.Unauthorized(validation.Reason);
        }

        var audiences = jwt.Audiences.ToArray();
        var audienceOk = audiences.Length > 0
            ? audiences.Any(_audiences.Contains)
            : JwtClaims.String(jwt, "client_id") is { } clientId && _audiences.Contains(clientId);
        if (!audienceOk)
        {
            return AuthorizerOutcome.Unauthorized(AuthorizerReason.AudienceNotAllowed);
        }

        string[] scopes = [.. JwtClaims.Values(jwt, "scope"), .. JwtClaims.Values(jwt, "scp")];
        if (requiredScopes.Count > 0 && !JwtClaims.HasAnyScope(scopes, requiredScopes))
        {
            return AuthorizerOutcome.Unauthorized(AuthorizerReason.InsufficientScope);
        }

        return AuthorizerOutcome.Allow(jwt.Subject ?? string.Empty, claims: JwtClaims.Read(jwt), scopes: scopes);
    }
}
