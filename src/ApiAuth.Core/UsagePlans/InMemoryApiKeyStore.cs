using System.Collections.Frozen;

namespace ApiAuth.UsagePlans;

/// <summary>A fixed set of API keys (those from configuration), found by the digest of their value.</summary>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly FrozenDictionary<KeyDigest, ApiKey> _byDigest;

    /// <summary>Creates the store; ids and values must be unique.</summary>
    /// <param name="keys">The keys.</param>
    public InMemoryApiKeyStore(IEnumerable<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var byDigest = new Dictionary<KeyDigest, ApiKey>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (!ids.Add(key.Id))
            {
                throw new ArgumentException($"Two API keys have the id '{key.Id}'.", nameof(keys));
            }
            if (!byDigest.TryAdd(key.Digest, key))
            {
                // The message names the ids, never the value.
                throw new ArgumentException($"API keys '{byDigest[key.Digest].Id}' and '{key.Id}' have the same value.", nameof(keys));
            }
        }
        _byDigest = byDigest.ToFrozenDictionary();
    }

    /// <summary>The number of keys.</summary>
    public int Count => _byDigest.Count;

    /// <inheritdoc />
    public ValueTask<ApiKey?> FindAsync(string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        var digest = KeyDigest.Of(utf8);
        return ValueTask.FromResult(Find(digest) is { } key && key.Matches(digest, utf8) ? key : null);
    }

    internal ApiKey? Find(in KeyDigest digest) => _byDigest.GetValueOrDefault(digest);
}
