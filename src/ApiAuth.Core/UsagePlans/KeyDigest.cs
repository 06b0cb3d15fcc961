using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ApiAuth.UsagePlans;

/// <summary>
/// The SHA-256 of an API key's value. Keys are found and compared by digest, never by value, so how long a lookup or a
/// comparison takes says nothing about the secret; the final check is <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct KeyDigest : IEquatable<KeyDigest>
{
    private const int MaxStackKey = 256;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private KeyDigest(ReadOnlySpan<byte> hash)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(hash);
        (_a, _b, _c, _d) = (words[0], words[1], words[2], words[3]);
    }

    /// <summary>The digest of <paramref name="value"/>'s UTF-8 bytes.</summary>
    public static KeyDigest Of(string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length <= MaxStackKey)
        {
            Span<byte> utf8 = stackalloc byte[MaxStackKey];
            var written = Encoding.UTF8.GetBytes(value, utf8);
            SHA256.HashData(utf8[..written], hash);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        }
        return new KeyDigest(hash);
    }

    /// <summary>Constant-time equality, for the check that decides.</summary>
    public bool FixedTimeEquals(in KeyDigest other) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(new ReadOnlySpan<KeyDigest>(in this)), MemoryMarshal.AsBytes(new ReadOnlySpan<KeyDigest>(in other)));

    // Ordinary equality, for dictionary buckets only: it compares digests, which reveal nothing about the value.
    public bool Equals(KeyDigest other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is KeyDigest other && Equals(other);

    public override int GetHashCode() => (int)_a;
}
