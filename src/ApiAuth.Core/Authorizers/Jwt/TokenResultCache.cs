using System.Diagnostics.CodeAnalysis;
using ApiAuth.Authorizers.Caching;
using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// A Cognito or JWT authorizer's result cache (API Gateway caches Cognito authorizer results for
/// <c>authorizerResultTtlInSeconds</c> too): allowed tokens only, keyed by the authorizer and the exact token, bounded
/// in entries and in estimated bytes.
/// </summary>
/// <remarks>
/// Every hit re-checks the token's <c>exp</c>, <c>nbf</c> and <c>iat</c> against the clock with the skew, so a cached
/// token never outlives its expiry, and asks the key source whether the verifying key is still in the current key
/// set, so a JWKS refresh that drops (or replaces) a key sends its tokens back to full validation.
/// </remarks>
internal sealed class TokenResultCache : IDisposable
{
    private readonly string _authorizer;
    private readonly TimeSpan _ttl;
    private readonly long _minimumEntrySize;
    private readonly JwksSource _keys;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _clockSkew;
    private readonly AuthorizerMetrics _metrics;
    private readonly IdentityKeyedCache<TokenResult>? _store;

    /// <param name="authorizer">Names the authorizer in every cache identity.</param>
    /// <param name="ttl">How long an allowed token's result is kept at most; zero turns the cache off.</param>
    /// <param name="entryLimit">The most results held.</param>
    /// <param name="byteLimit">The most estimated bytes held (token and claims).</param>
    /// <param name="keys">The authorizer's key source.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="clockSkew">The authorizer's skew on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</param>
    /// <param name="metrics">Where hits are counted.</param>
    public TokenResultCache(string authorizer, TimeSpan ttl, int entryLimit, long byteLimit, JwksSource keys, TimeProvider timeProvider, TimeSpan clockSkew, AuthorizerMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entryLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(byteLimit, entryLimit);
        _authorizer = authorizer;
        _ttl = ttl;
        // Each entry spends at least byteLimit / entryLimit, so the byte bound also bounds the count.
        _minimumEntrySize = byteLimit / entryLimit;
        _keys = keys;
        _timeProvider = timeProvider;
        _clockSkew = clockSkew;
        _metrics = metrics;
        _store = ttl > TimeSpan.Zero ? new IdentityKeyedCache<TokenResult>(timeProvider, byteLimit) : null;
    }

    /// <summary>Number of results held (expired ones may linger until the next access or scan).</summary>
    public int Count => _store?.Count ?? 0;

    /// <summary>Answers from the cache when the token is held, its key still trusted; false sends it to full validation.</summary>
    public bool TryAnswer(ReadOnlySpan<char> token, IReadOnlyList<string> requiredScopes, [NotNullWhen(true)] out AuthorizerOutcome? outcome)
    {
        outcome = null;
        if (_store is null || token.IsEmpty || !_store.TryGetToken(_authorizer, token, out var cached))
        {
            return false;
        }

        if (cached.Key is null || !_keys.StillHolds(cached.KeyId, cached.Key))
        {
            _store.Remove(CacheIdentity.CreateForToken(_authorizer, token));
            return false;
        }

        _metrics.CacheHits.Add(1);
        var lifetime = cached.Lifetime.Check(_timeProvider.GetUtcNow().UtcDateTime, _clockSkew);
        if (lifetime != DecisionReason.Allow)
        {
            if (lifetime == DecisionReason.TokenExpired)
            {
                _store.Remove(CacheIdentity.CreateForToken(_authorizer, token));
            }

            outcome = AuthorizerOutcome.Unauthorized(lifetime);
            return true;
        }

        outcome = cached.For(requiredScopes);
        return true;
    }

    /// <summary>Keeps an allowed token's result for the TTL.</summary>
    /// <remarks>
    /// The entry is not cut short at the token's <c>exp</c>: the check on every hit is what refuses an expired token
    /// (and then drops the entry), so there is one rule for expiry, not two that must agree.
    /// </remarks>
    public void Add(string token, TokenResult result)
    {
        if (_store is null || result.Key is null)
        {
            return;
        }

        var identity = CacheIdentity.CreateForToken(_authorizer, token);
        _store.Set(identity, result, _timeProvider.GetUtcNow() + _ttl, Math.Max(_minimumEntrySize, identity.Length + result.EstimatedBytes));
    }

    public void Dispose() => _store?.Dispose();
}
