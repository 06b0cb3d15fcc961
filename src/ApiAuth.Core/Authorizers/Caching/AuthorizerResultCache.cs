using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using ApiAuth.Authorizers.Custom;
using Microsoft.Extensions.Caching.Memory;

namespace ApiAuth.Authorizers.Caching;

/// <summary>
/// API Gateway's authorizer result cache: successful results only, keyed by <see cref="CacheIdentity"/>, expiring on a
/// <see cref="TimeProvider"/>, bounded in entries, with one authorizer invocation per identity at a time.
/// </summary>
/// <remarks>
/// Entries are indexed by a seeded 64-bit hash of the identity so a hit allocates nothing but the boxed hash; the
/// entry keeps the identity itself and a hit compares it exactly, so a hash collision costs a miss, never a wrong answer.
/// </remarks>
internal sealed class AuthorizerResultCache : IDisposable
{
    /// <summary>Identities up to this many bytes are built in a per-thread buffer; longer ones in a pooled array.</summary>
    private const int ScratchLimit = 16384;

    [ThreadStatic]
    private static byte[]? t_scratch;

    private readonly MemoryCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly CacheIdentityComparer _comparer;
    private readonly ConcurrentDictionary<byte[], Lazy<Task<AuthorizerInvocation>>> _inFlight;

    public AuthorizerResultCache(TimeProvider timeProvider, long sizeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeLimit);
        _timeProvider = timeProvider;
        _comparer = new CacheIdentityComparer(Random.Shared.NextInt64());
        _inFlight = new ConcurrentDictionary<byte[], Lazy<Task<AuthorizerInvocation>>>(_comparer);
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new TimeProviderClock(timeProvider), SizeLimit = sizeLimit });
    }

    /// <summary>Number of results currently held (expired ones may linger until the next access or scan).</summary>
    public int Count => _cache.Count;

    public bool TryGet(string authorizerName, ReadOnlySpan<string> identitySourceValues, [NotNullWhen(true)] out CustomAuthorizerResult? result)
    {
        var length = CacheIdentity.MaxLength(authorizerName, identitySourceValues);
        if (length > ScratchLimit)
        {
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                return TryGet(rented.AsSpan(0, CacheIdentity.Write(authorizerName, identitySourceValues, rented)), out result);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        // A per-thread scratch buffer: no zeroing (as stackalloc does) and no pool round trip on every cache hit.
        var scratch = t_scratch is { } buffer && buffer.Length >= length ? buffer : t_scratch = new byte[Math.Max(length, 4096)];
        return TryGet(scratch.AsSpan(0, CacheIdentity.Write(authorizerName, identitySourceValues, scratch)), out result);
    }

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

    public void Dispose() => _cache.Dispose();

    private async Task<AuthorizerInvocation> RunAndStoreAsync(
        byte[] identity, TimeSpan ttl, Func<Task<AuthorizerInvocation>> invoke, Lazy<Task<AuthorizerInvocation>> self)
    {
        try
        {
            // Another invocation may have stored its result between this caller's miss and its registration.
            if (TryGet(identity, out var cached))
            {
                return AuthorizerInvocation.Succeeded(cached);
            }

            var invocation = await invoke().ConfigureAwait(false);
            if (invocation.Result is { } result)
            {
                // Stored before the in-flight entry is removed, so a later request always finds one or the other.
                var options = new MemoryCacheEntryOptions { AbsoluteExpiration = _timeProvider.GetUtcNow() + ttl, Size = 1 };
                _cache.Set(_comparer.Hash(identity), new Entry(identity, result), options);
            }

            return invocation;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(identity, self));
        }
    }

    private bool TryGet(ReadOnlySpan<byte> identity, [NotNullWhen(true)] out CustomAuthorizerResult? result)
    {
        if (_cache.TryGetValue(_comparer.Hash(identity), out var value) && value is Entry entry && identity.SequenceEqual(entry.Identity))
        {
            result = entry.Result;
            return true;
        }

        result = null;
        return false;
    }

    private sealed record Entry(byte[] Identity, CustomAuthorizerResult Result);
}
