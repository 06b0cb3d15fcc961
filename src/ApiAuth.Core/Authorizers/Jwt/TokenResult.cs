using ApiAuth.Gateway;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// What one validated token allows, worked out once: the outcome for a route without scopes, and for a route with
/// scopes either a failure or the allow that any one matching scope earns. A cache hit re-checks only the clock, the
/// key and the route's scopes against this, and allocates nothing.
/// </summary>
internal sealed class TokenResult
{
    private static readonly AuthorizerOutcome InsufficientScope = AuthorizerOutcome.Unauthorized(DecisionReason.InsufficientScope);

    // Rough per-object costs (headers, references, dictionary slots), so the estimate errs on the large side.
    private const int FixedOverheadBytes = 1024;
    private const int PerStringOverheadBytes = 48;

    private readonly AuthorizerOutcome _unscoped;
    private readonly AuthorizerOutcome? _scopedFailure;
    private readonly AuthorizerOutcome? _scopedAllow;
    private readonly string[] _scopes;

    /// <summary>Creates the result.</summary>
    /// <param name="validation">The successful validation (key and lifetime).</param>
    /// <param name="unscoped">The outcome for a route without scopes.</param>
    /// <param name="scopedFailure">The outcome for every route with scopes, when the token cannot pass any; else null.</param>
    /// <param name="scopedAllow">The allow for a route with scopes the token holds one of; null when <paramref name="scopedFailure"/> is set.</param>
    /// <param name="scopes">The token's scopes.</param>
    public TokenResult(JwtValidation validation, AuthorizerOutcome unscoped, AuthorizerOutcome? scopedFailure, AuthorizerOutcome? scopedAllow, string[] scopes)
    {
        KeyId = validation.Token?.Kid ?? string.Empty;
        Key = validation.Key;
        Lifetime = validation.Lifetime;
        _unscoped = unscoped;
        _scopedFailure = scopedFailure;
        _scopedAllow = scopedAllow;
        _scopes = scopes;
        EstimatedBytes = Estimate(unscoped.IsAllowed ? unscoped : scopedAllow ?? unscoped, scopes);
    }

    /// <summary>The <c>kid</c> the token named.</summary>
    public string KeyId { get; }

    /// <summary>The key that verified the signature.</summary>
    public JsonWebKey? Key { get; }

    /// <summary>The token's <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public JwtLifetime Lifetime { get; }

    /// <summary>About how many bytes the claims, groups and scopes held here take (the token itself not included).</summary>
    public long EstimatedBytes { get; }

    /// <summary>The outcome for a route with these scopes (empty: a route without scopes).</summary>
    public AuthorizerOutcome For(IReadOnlyList<string> requiredScopes)
    {
        if (requiredScopes.Count == 0)
        {
            return _unscoped;
        }

        if (_scopedFailure is not null)
        {
            return _scopedFailure;
        }

        return JwtClaims.HasAnyScope(_scopes, requiredScopes) ? _scopedAllow! : InsufficientScope;
    }

    private static long Estimate(AuthorizerOutcome outcome, string[] scopes)
    {
        long bytes = FixedOverheadBytes;
        foreach (var (name, value) in outcome.Claims)
        {
            bytes += (2 * PerStringOverheadBytes) + (2L * (name.Length + value.Length));
        }

        foreach (var group in outcome.Groups)
        {
            bytes += PerStringOverheadBytes + (2L * group.Length);
        }

        foreach (var scope in scopes)
        {
            bytes += PerStringOverheadBytes + (2L * scope.Length);
        }

        return bytes;
    }
}
