using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ApiAuth.UsagePlans;

/// <summary>
/// A 128-bit XXH3 digest of an API key's value under a seed drawn at random once per process. Keys are found by digest,
/// never by value, so how long a lookup takes says nothing an attacker can steer towards a key (the seed is secret). The
/// decision itself is <see cref="CryptographicOperations.FixedTimeEquals"/> over the digests and then over the full
/// values. Why not SHA-256: one OpenSSL SHA-256 call costs about 350 ns here, over the whole decision's 300 ns budget.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct KeyDigest : IEquatable<KeyDigest>
{
    /// <summary>Keys up to this many UTF-8 bytes are encoded on the stack.</summary>
    public const int MaxStackBytes = 512;

    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    private readonly UInt128 _value;

    private KeyDigest(UInt128 value) => _value = value;

    /// <summary>The digest of UTF-8 bytes.</summary>
    public static KeyDigest Of(ReadOnlySpan<byte> utf8) => new(XxHash128.HashToUInt128(utf8, Seed));

    /// <summary>The digest of <paramref name="value"/>'s UTF-8 bytes.</summary>
    public static KeyDigest Of(string value) => Of(Encoding.UTF8.GetBytes(value));

    /// <summary>Constant-time equality of the digests, for the check that decides.</summary>
    public bool FixedTimeEquals(in KeyDigest other) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(new ReadOnlySpan<KeyDigest>(in this)), MemoryMarshal.AsBytes(new ReadOnlySpan<KeyDigest>(in other)));

    // Ordinary equality, for dictionary buckets only: it compares secret-seeded digests, not values.
    public bool Equals(KeyDigest other) => _value == other._value;

    public override bool Equals(object? obj) => obj is KeyDigest other && Equals(other);

    public override int GetHashCode() => (int)(ulong)_value;
}
