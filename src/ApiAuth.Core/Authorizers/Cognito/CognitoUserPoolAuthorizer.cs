using System.Text.RegularExpressions;
using ApiAuth.Authorizers.Jwt;

namespace ApiAuth.Authorizers.Cognito;

/// <summary>
/// API Gateway's Cognito user-pool authorizer: an RS256 token from the pool (either issuer form), signed by a key of
/// the pool's JWKS named by <c>kid</c>, unexpired; for a method without scopes an id token whose <c>aud</c> is an
/// allowed app client; for a method with scopes an access token whose <c>client_id</c> is an allowed app client and
/// whose <c>scope</c> holds any one of the method's scopes. Every failure is 401 <c>{"message":"Unauthorized"}</c>.
/// </summary>
public sealed partial class CognitoUserPoolAuthorizer
{
    private readonly JwtValidator _validator;
    private readonly HashSet<string> _appClientIds;

    /// <summary>Creates the authorizer.</summary>
    /// <param name="options">Pool id, app client ids, clock skew, size limit.</param>
    /// <param name="signingKeys">The pool's keys: <see cref="JwksSource.FromFile"/> offline, or
    /// <see cref="JwksSource.FromUri"/> with <see cref="JwksUriFor"/>.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentException">The region, pool id or client ids are not valid.</exception>
    public CognitoUserPoolAuthorizer(CognitoUserPoolAuthorizerOptions options, JwksSource signingKeys, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signingKeys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var region = RegionOf(options.UserPoolId);
        if (options.Region is not null && options.Region != region)
        {
            throw new ArgumentException($"User pool '{options.UserPoolId}' is in region {region}, not {options.Region}.", nameof(options));
        }

        if (options.AppClientIds is null || options.AppClientIds.Count == 0 || options.AppClientIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A Cognito authorizer needs at least one app client id, none of them empty.", nameof(options));
        }

        _appClientIds = options.AppClientIds.ToHashSet(StringComparer.Ordinal);
        Issuer = $"https://cognito-idp.{region}.amazonaws.com/{options.UserPoolId}";
        // Cognito's newer issuer host; AWS's aws-jwt-verify accepts both for the same pool.
        var newerIssuer = $"https://issuer-cognito-idp.{region}.amazonaws.com/{options.UserPoolId}";
        _validator = new JwtValidator([Issuer, newerIssuer], signingKeys, timeProvider, options.ClockSkew, options.MaximumTokenSize);
    }

    /// <summary>The pool's issuer, <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>.</summary>
    public string Issuer { get; }

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
    public async ValueTask<AuthorizerOutcome> AuthorizeAsync(string? token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requiredScopes);
        var validation = await _validator.ValidateAsync(JwtClaims.StripBearer(token), cancellationToken).ConfigureAwait(false);
        if (validation.Token is not { } jwt)
        {
            return AuthorizerOutcome.Unauthorized(validation.Reason);
        }

        var tokenUse = JwtClaims.String(jwt, "token_use");
        if (tokenUse is not ("id" or "access"))
        {
            return AuthorizerOutcome.Unauthorized(AuthorizerReason.InvalidTokenUse);
        }

        string[] scopes = [];
        if (requiredScopes.Count == 0)
        {
            if (tokenUse != "id")
            {
                return AuthorizerOutcome.Unauthorized(AuthorizerReason.IdTokenRequired);
            }

            if (!jwt.Audiences.Any(_appClientIds.Contains))
            {
                return AuthorizerOutcome.Unauthorized(AuthorizerReason.AudienceNotAllowed);
            }
        }
        else
        {
            if (tokenUse != "access")
            {
                return AuthorizerOutcome.Unauthorized(AuthorizerReason.AccessTokenRequired);
            }

            if (JwtClaims.String(jwt, "client_id") is not { } clientId || !_appClientIds.Contains(clientId))
            {
                return AuthorizerOutcome.Unauthorized(AuthorizerReason.ClientIdNotAllowed);
            }

            scopes = JwtClaims.Values(jwt, "scope");
            if (!JwtClaims.HasAnyScope(scopes, requiredScopes))
            {
                return AuthorizerOutcome.Unauthorized(AuthorizerReason.InsufficientScope);
            }
        }

        var groups = jwt.Claims.Where(c => c.Type == "cognito:groups").Select(c => c.Value).ToArray();
        return AuthorizerOutcome.Allow(
            jwt.Subject ?? JwtClaims.String(jwt, "client_id") ?? string.Empty,
            claims: JwtClaims.Read(jwt),
            groups: groups,
            scopes: scopes);
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
