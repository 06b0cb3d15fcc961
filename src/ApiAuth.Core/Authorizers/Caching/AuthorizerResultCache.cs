using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Authorizers.Caching;

/// <summary>
/// API Gateway's custom authorizer result cache: successful results only, in an <see cref="IdentityKeyedCache{TValue}"/>
/// bounded in entries, with one authorizer invocation per identity at a time.
/// </summary>
internal sealed class AuthorizerResultCache : IDisposable
{
    private readonly IdentityKeyedCache<CustomAuthorizerResult> _store;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<byte[], Lazy<Task<AuthorizerInvocation>>> _inFlight;

    public AuthorizerResultCache(TimeProvider timeProvider, long sizeLimit)
    {
        _store = new IdentityKeyedCache<CustomAuthorizerResult>(timeProvider, sizeLimit);
        _timeProvider = timeProvider;
        _inFlight = new ConcurrentDictionary<byte[], Lazy<Task<AuthorizerInvocation>>>(_store.Comparer);
    }

    /// <summary>Number of results currently held (expired ones may linger until the next access or scan).</summary>
    public int Count => _store.Count;

    public bool TryGet(string authorizerName, ReadOnlySpan<string> identitySourceValues, [NotNullWhen(true)] out CustomAuthorizerResult? result) =>
        _store.TryGet(authorizerName, identitySourceValues, out result);

    /// <summary>
    /// Runs <paramref name="invoke"/> unless an invocation for the same identity is already running, in which case the
    /// caller shares its result. A successful result is stored for <paramref name="ttl"/>; failures are never stored.
    /// </summary>
    public Task<AuthorizerInvocation> InvokeOnceAsync(byte[] identity, TimeSpan ttl, Func<Task<AuthorizerInvocation>> invoke)
    {
        Lazy<Task<AuthorizerInvocation>>? mine = null;
        mine = new Lazy<Task<AuthorizerInvocation>>(() => RunAndStoreAsync(identity, ttl, invoke, mine!));
        return _inFlight.GetOrAdd(identity, mine).Value;
    }

    public void Dispose() => _store.Dispose();

    private async Task<AuthorizerInvocation> RunAndStoreAsync(
        byte[] identity, TimeSpan ttl, Func<Task<AuthorizerInvocation>> invoke, Lazy<Task<AuthorizerInvocation>> self)
    {
        try
        {
            // Another invocation may have stored its result between this caller's miss and its registration.
            if (_store.TryGet(identity, out var cached))
            {
                return AuthorizerInvocation.Succeeded(cached);
            }

            var invocation = await invoke().ConfigureAwait(false);
            if (invocation.Result is { } result)
            {
                // Stored before the in-flight entry is removed, so a later request always finds one or the other.
                _store.Set(identity, result, _timeProvider.GetUtcNow() + ttl, size: 1);
            }

            return invocation;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(identity, self));
        }
    }
}
