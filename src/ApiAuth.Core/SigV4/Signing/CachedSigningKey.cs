using System.Security.Cryptography;

namespace ApiAuth.SigV4.Signing;

/// <summary>
/// A derived signing key with a few reusable HMAC instances: keying an HMAC costs more than hashing a string
/// to sign, so verifiers reuse them instead of keying a new one per request.
/// </summary>
internal sealed class CachedSigningKey(string secret, byte[] key)
{
    private readonly IncrementalHash?[] _spares = new IncrementalHash?[Math.Max(2, Environment.ProcessorCount)];

    /// <summary>The secret the key was derived from.</summary>
    public string Secret { get; } = secret;

    /// <summary>Writes HMAC-SHA256(key, data) into <paramref name="destination"/> (32 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hmac = Rent();
        hmac.AppendData(data);
        hmac.GetHashAndReset(destination);
        Return(hmac);
    }

    private IncrementalHash Rent()
    {
        for (var i = 0; i < _spares.Length; i++)
        {
            var spare = Interlocked.Exchange(ref _spares[i], null);
            if (spare is not null)
            {
                return spare;
            }
        }
        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
    }

    private void Return(IncrementalHash hmac)
    {
        for (var i = 0; i < _spares.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _spares[i], hmac, null) is null)
            {
                return;
            }
        }
        hmac.Dispose();
    }
}
