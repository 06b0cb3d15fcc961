using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Cognito;

/// <summary>
/// API Gateway's Cognito user-pool authorizer: an RS256 token from the pool (either issuer form), signed by a key of
/// the pool's JWKS named by <c>kid</c>, unexpired; for a method without scopes an id token whose <c>aud</c> is an
/// allowed app client; for a method with scopes an access token whose <c>client_id</c> is an allowed app client and
/// whose <c>scope</c> holds any one of the method's scopes. Every failure is 401 <c>{"message":"Unauthorized"}</c>.
/// Allowed tokens are cached for <see cref="CognitoUserPoolAuthorizerOptions.ResultTtl"/>, as API Gateway does.
/// </summary>
public sealed partial class CognitoUserPoolAuthorizer : IDisposable
{
    private readonly HashSet<string> _appClientIds;
    private readonly TokenAuthorization _tokens;

    /// <summary>Creates the authorizer.</summary>
    /// <param name="options">Pool id, app client ids, clock skew, size limit, result TTL.</param>
    /// <param name="signingKeys">The pool's keys: <see cref="JwksSource.FromFile"/> offline, or
    /// <see cref="JwksSource.FromUri"/> with <see cref="JwksUriFor"/>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="meter">The <c>ApiAuth</c> meter to count cache hits on, e.g. from <c>IMeterFactory.Create("ApiAuth")</c>;
    /// null for a process-wide one.</param>
    /// <exception cref="ArgumentException">The region, pool id, client ids or result TTL are not valid.</exception>
    public CognitoUserPoolAuthorizer(CognitoUserPoolAuthorizerOptions options, JwksSource signingKeys, TimeProvider timeProvider, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signingKeys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var region = Validate(options);
        _appClientIds = options.AppClientIds.ToHashSet(StringComparer.Ordinal);
        Issuer = $"https://cognito-idp.{region}.amazonaws.com/{options.UserPoolId}";
        // Cognito's newer issuer host; AWS's aws-jwt-verify accepts both for the same pool.
        var newerIssuer = $"https://issuer-cognito-idp.{region}.amazonaws.com/{options.UserPoolId}";
        _tokens = new TokenAuthorization(
            new JwtValidator([Issuer, newerIssuer], signingKeys, timeProvider, options.ClockSkew, options.MaximumTokenSize),
            new TokenResultCache(Issuer, options.ResultTtl, options.ResultCacheEntryLimit, options.ResultCacheByteLimit,
                signingKeys, timeProvider, options.ClockSkew, AuthorizerMetrics.For(meter)),
            Decide);
    }

    /// <summary>Checks options as the constructor does, so a model can be checked before any key is fetched.</summary>
    /// <returns>The pool's region.</returns>
    internal static string Validate(CognitoUserPoolAuthorizerOptions options)
    {
        var region = RegionOf(options.UserPoolId);
        if (options.Region is not null && options.Region != region)
        {
            throw new ArgumentException($"User pool '{options.UserPoolId}' is in region {region}, not {options.Region}.", nameof(options));
        }

        if (options.AppClientIds is null || options.AppClientIds.Count == 0 || options.AppClientIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A Cognito authorizer needs at least one app client id, none of them empty.", nameof(options));
        }

        JwtAuthorizerOptions.CheckResultTtl(options.ResultTtl);
        return region;
    }

    /// <summary>The pool's issuer, <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.</summary>
    public string Issuer { get; }

    /// <summary>Number of token results held in the result cache.</summary>
    internal int CachedResults => _tokens.CachedResults;

    /// <summary>The pool's JWKS endpoint.</summary>
    /// <param name="userPoolId">The pool id, e.g. <c>us-east-1_AbCdEf123</c>.</param>
    /// <returns><c>https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/jwks.json</c>.</returns>
    /// <exception cref="ArgumentException">The pool id is not valid.</exception>
    public static Uri JwksUriFor(string userPoolId) =>
        new($"https://cognito-idp.{RegionOf(userPoolId)}.amazonaws.com/{userPoolId}/.well-known/jwks.json");

    /// <summary>Authorizes a token for a method.</summary>
    /// <param name="token">The <c>Authorization</c> header value: the bare token, or <c>Bearer {token}</c>.</param>
    /// <param name="requiredScopes">The method's OAuth scopes; empty means an id token is required.</param>
    /// <param name="cancellationToken">Cancels a JWKS fetch.</param>
    /// <returns>Allow with claims, groups and scopes, or 401 with a precise reason.</returns>
    public ValueTask<AuthorizerOutcome> AuthorizeAsync(string? token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default) =>
        _tokens.AuthorizeAsync(token, requiredScopes, cancellationToken);

    /// <summary>Stops the result cache.</summary>
    public void Dispose() => _tokens.Dispose();

    private TokenResult Decide(JwtValidation validation)
    {
        var jwt = validation.Token!;
        var tokenUse = JwtClaims.String(jwt, "token_use");
        if (tokenUse is not ("id" or "access"))
        {
            var invalid = AuthorizerOutcome.Unauthorized(DecisionReason.InvalidTokenUse);
            return new TokenResult(validation, invalid, invalid, null, []);
        }

        var principalId = jwt.Subject ?? JwtClaims.String(jwt, "client_id") ?? string.Empty;
        var tokenClaims = JwtClaims.List(jwt);
        var claims = JwtClaims.Read(tokenClaims);
        var groups = JwtClaims.All(tokenClaims, "cognito:groups");

        // Without scopes: an id token for an allowed app client.
        var unscoped = tokenUse != "id" ? AuthorizerOutcome.Unauthorized(DecisionReason.IdTokenRequired)
            : !jwt.Audiences.Any(_appClientIds.Contains) ? AuthorizerOutcome.Unauthorized(DecisionReason.AudienceNotAllowed)
            : AuthorizerOutcome.Allow(principalId, claims: claims, groups: groups, scopes: []);

        // With scopes: an access token for an allowed app client, holding any one of the route's scopes.
        var scopedFailure = tokenUse != "access" ? AuthorizerOutcome.Unauthorized(DecisionReason.AccessTokenRequired)
            : JwtClaims.String(jwt, "client_id") is not { } clientId || !_appClientIds.Contains(clientId) ? AuthorizerOutcome.Unauthorized(DecisionReason.ClientIdNotAllowed)
            : null;
        var scopes = scopedFailure is null ? JwtClaims.Values(tokenClaims, "scope") : [];
        var scopedAllow = scopedFailure is null ? AuthorizerOutcome.Allow(principalId, claims: claims, groups: groups, scopes: scopes) : null;
        return new TokenResult(validation, unscoped, scopedFailure, scopedAllow, scopes);
    }

    // Pool ids are "{region}_{suffix}"; the issuer and JWKS URL are built from them, so nothing else may get through.
    private static string RegionOf(string userPoolId)
    {
        var match = userPoolId is null ? null : PoolIdPattern().Match(userPoolId);
        return match is { Success: true }
            ? match.Groups["region"].Value
            : throw new ArgumentException($"'{userPoolId}' is not a Cognito user pool id such as us-east-1_AbCdEf123.", nameof(userPoolId));
    }

    [GeneratedRegex(@"\A(?<region>[a-z]{2}(-[a-z]+)+-[0-9])_[0-9A-Za-z]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PoolIdPattern();
}
