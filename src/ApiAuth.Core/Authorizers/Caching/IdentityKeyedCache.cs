using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace ApiAuth.Authorizers.Caching;

/// <summary>
/// The store under every authorizer result cache: values keyed by <see cref="CacheIdentity"/>, expiring on a
/// <see cref="TimeProvider"/>, bounded by a size limit that each entry spends from (1 per entry when the bound is a
/// count; estimated bytes when it is memory).
/// </summary>
/// <remarks>
/// Entries are indexed by a seeded 64-bit hash of the identity so a hit allocates nothing but the boxed hash; the
/// entry keeps the identity itself and a hit compares it exactly, so a hash collision costs a miss, never a wrong answer.
/// An entry that would pass the limit is not stored (and a compaction starts), so the limit is never exceeded.
/// </remarks>
/// <typeparam name="TValue">What is cached.</typeparam>
internal sealed class IdentityKeyedCache<TValue> : IDisposable
    where TValue : class
{
    /// <summary>Identities up to this many bytes are built in a per-thread buffer; longer ones in a pooled array.</summary>
    private const int ScratchLimit = 16384;

    [ThreadStatic]
    private static byte[]? t_scratch;

    private readonly MemoryCache _cache;
    private readonly CacheIdentityComparer _comparer;

    public IdentityKeyedCache(TimeProvider timeProvider, long sizeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeLimit);
        _comparer = new CacheIdentityComparer(Random.Shared.NextInt64());
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new TimeProviderClock(timeProvider), SizeLimit = sizeLimit });
    }

    /// <summary>Compares and hashes identities as this cache does.</summary>
    public CacheIdentityComparer Comparer => _comparer;

    /// <summary>Number of values currently held (expired ones may linger until the next access or scan).</summary>
    public int Count => _cache.Count;

    public bool TryGet(string authorizerName, ReadOnlySpan<string> identitySourceValues, [NotNullWhen(true)] out TValue? value)
    {
        var length = CacheIdentity.MaxLength(authorizerName, identitySourceValues);
        var rented = length > ScratchLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented ?? Scratch(length);
            return TryGet(buffer.AsSpan(0, CacheIdentity.Write(authorizerName, identitySourceValues, buffer)), out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Looks up the identity (<paramref name="authorizerName"/>, <paramref name="token"/>) without building a string.</summary>
    public bool TryGetToken(string authorizerName, ReadOnlySpan<char> token, [NotNullWhen(true)] out TValue? value)
    {
        var length = CacheIdentity.MaxTokenLength(authorizerName, token);
        var rented = length > ScratchLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented ?? Scratch(length);
            return TryGet(buffer.AsSpan(0, CacheIdentity.WriteToken(authorizerName, token, buffer)), out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public bool TryGet(ReadOnlySpan<byte> identity, [NotNullWhen(true)] out TValue? value)
    {
        if (_cache.TryGetValue(_comparer.Hash(identity), out var stored) && stored is Entry entry && identity.SequenceEqual(entry.Identity))
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> until <paramref name="expiresAt"/>, spending <paramref name="size"/> of the limit.</summary>
    public void Set(byte[] identity, TValue value, DateTimeOffset expiresAt, long size)
    {
        var options = new MemoryCacheEntryOptions { AbsoluteExpiration = expiresAt, Size = size };
        _cache.Set(_comparer.Hash(identity), new Entry(identity, value), options);
    }

    /// <summary>Drops whatever is stored under this identity's hash.</summary>
    public void Remove(ReadOnlySpan<byte> identity) => _cache.Remove(_comparer.Hash(identity));

    public void Dispose() => _cache.Dispose();

    // A per-thread scratch buffer: no zeroing (as stackalloc does) and no pool round trip on every cache hit.
    private static byte[] Scratch(int length) =>
        t_scratch is { } buffer && buffer.Length >= length ? buffer : t_scratch = new byte[Math.Max(length, 4096)];

    private sealed record Entry(byte[] Identity, TValue Value);
}
