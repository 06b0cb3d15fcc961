using System.Diagnostics.Metrics;
using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// A generic OIDC JWT authorizer (Auth0, Okta, Google, Entra ID, ...), behaving like API Gateway HTTP APIs' JWT
/// authorizer: RS256 signature by a <c>kid</c> from the issuer's JWKS, exact issuer, <c>aud</c> (or <c>client_id</c>) in
/// the configured audiences, lifetime, and any one of the route's scopes (<c>scope</c> or <c>scp</c>). Allowed tokens
/// are cached for <see cref="JwtAuthorizerOptions.ResultTtl"/>.
/// </summary>
public sealed class JwtAuthorizer : IDisposable
{
    private readonly IReadOnlyCollection<string> _audiences;
    private readonly TokenAuthorization _tokens;

    /// <summary>Creates the authorizer.</summary>
    /// <param name="options">Issuer, audiences, clock skew, size limit, result TTL.</param>
    /// <param name="signingKeys">The issuer's keys, e.g. <see cref="JwksSource.FromUri"/> with the issuer's <c>jwks_uri</c>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="meter">The <c>ApiAuth</c> meter to count cache hits on, e.g. from <c>IMeterFactory.Create("ApiAuth")</c>;
    /// null for a process-wide one.</param>
    /// <exception cref="ArgumentException">The options are incomplete or the result TTL is out of range.</exception>
    public JwtAuthorizer(JwtAuthorizerOptions options, JwksSource signingKeys, TimeProvider timeProvider, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signingKeys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Validate(options);
        _audiences = options.Audiences.ToHashSet(StringComparer.Ordinal);
        _tokens = new TokenAuthorization(
            new JwtValidator([options.Issuer], signingKeys, timeProvider, options.ClockSkew, options.MaximumTokenSize),
            new TokenResultCache(options.Issuer, options.ResultTtl, options.ResultCacheEntryLimit, options.ResultCacheByteLimit,
                signingKeys, timeProvider, options.ClockSkew, AuthorizerMetrics.For(meter)),
            Decide);
    }

    /// <summary>Checks options as the constructor does, so a model can be checked before any key is fetched.</summary>
    internal static void Validate(JwtAuthorizerOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Issuer);
        if (options.Audiences is null || options.Audiences.Count == 0)
        {
            throw new ArgumentException("A JWT authorizer needs at least one audience.", nameof(options));
        }

        JwtAuthorizerOptions.CheckResultTtl(options.ResultTtl);
    }

    /// <summary>Number of token results held in the result cache.</summary>
    internal int CachedResults => _tokens.CachedResults;

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
    public ValueTask<AuthorizerOutcome> AuthorizeAsync(string? token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default) =>
        _tokens.AuthorizeAsync(token, requiredScopes, cancellationToken);

    /// <summary>Stops the result cache.</summary>
    public void Dispose() => _tokens.Dispose();

    private TokenResult Decide(JwtValidation validation)
    {
        var jwt = validation.Token!;
        var audiences = jwt.Audiences.ToArray();
        var audienceOk = audiences.Length > 0
            ? audiences.Any(_audiences.Contains)
            : JwtClaims.String(jwt, "client_id") is { } clientId && _audiences.Contains(clientId);
        if (!audienceOk)
        {
            var refused = AuthorizerOutcome.Unauthorized(DecisionReason.AudienceNotAllowed);
            return new TokenResult(validation, refused, refused, null, []);
        }

        var tokenClaims = JwtClaims.List(jwt);
        string[] scopes = [.. JwtClaims.Values(tokenClaims, "scope"), .. JwtClaims.Values(tokenClaims, "scp")];
        var allow = AuthorizerOutcome.Allow(jwt.Subject ?? string.Empty, claims: JwtClaims.Read(tokenClaims), scopes: scopes);
        return new TokenResult(validation, allow, null, allow, scopes);
    }
}
