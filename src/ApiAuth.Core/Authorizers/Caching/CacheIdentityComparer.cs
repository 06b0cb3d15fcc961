using System.IO.Hashing;

namespace ApiAuth.Authorizers.Caching;

/// <summary>Compares <see cref="CacheIdentity"/> bytes exactly, hashing them with a per-process seed.</summary>
internal sealed class CacheIdentityComparer(long seed) : IEqualityComparer<byte[]>
{
    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => (int)Hash(obj);

    /// <summary>The seeded 64-bit hash of an identity; unpredictable without the seed, so nobody can aim collisions.</summary>
    public ulong Hash(ReadOnlySpan<byte> identity) => XxHash3.HashToUInt64(identity, seed);
}
