using System.Collections.Concurrent;

namespace ApiAuth.SigV4.Signing;

/// <summary>
/// Signing keys by access key, date, region and service: a key changes once a day, so verifying a request
/// costs one HMAC instead of five. Entries remember the secret they came from, so a rotated secret never
/// reuses an old key.
/// </summary>
internal sealed class SigningKeyCache
{
    // Only credentials that exist, on dates inside the clock window, for configured regions reach the cache;
    // the bound is a backstop against a very large credential store.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, CachedSigningKey> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedSigningKey>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SigningKeyCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets or derives the signing key for this credential and scope.</summary>
    public CachedSigningKey Get(string accessKeyId, string secretAccessKey, ReadOnlySpan<char> date, ReadOnlySpan<char> region, ReadOnlySpan<char> service)
    {
        var keyLength = accessKeyId.Length + date.Length + region.Length + service.Length + 3;
        var key = keyLength <= 512 ? stackalloc char[keyLength] : new char[keyLength];
        accessKeyId.CopyTo(key);
        var position = accessKeyId.Length;
        key[position++] = '/';
        date.CopyTo(key[position..]);
        position += date.Length;
        key[position++] = '/';
        region.CopyTo(key[position..]);
        position += region.Length;
        key[position++] = '/';
        service.CopyTo(key[position..]);

        if (_lookup.TryGetValue(key, out var entry) && string.Equals(entry.Secret, secretAccessKey, StringComparison.Ordinal))
        {
            return entry;
        }

        var derived = new byte[32];
        SigningKey.Derive(secretAccessKey, date, region, service, derived);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        entry = new CachedSigningKey(secretAccessKey, derived);
        _lookup[key] = entry;
        return entry;
    }
}
