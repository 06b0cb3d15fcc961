using System.Collections.Frozen;

namespace ApiAuth.SigV4.Credentials;

/// <summary>A fixed set of credentials, typically bound from configuration.</summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly FrozenDictionary<string, AccessKeyCredential> _credentials;
    private readonly FrozenDictionary<string, AccessKeyCredential>.AlternateLookup<ReadOnlySpan<char>> _byspan;

    /// <summary>Creates a store; access key ids must be unique.</summary>
    /// <exception cref="ArgumentException">Two credentials share an access key id.</exception>
    public InMemoryCredentialStore(IEnumerable<AccessKeyCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var byId = new Dictionary<string, AccessKeyCredential>(StringComparer.Ordinal);
        foreach (var credential in credentials)
        {
            if (!byId.TryAdd(credential.AccessKeyId, credential))
            {
                throw new ArgumentException($"Access key id '{credential.AccessKeyId}' appears more than once.", nameof(credentials));
            }
        }
        _credentials = byId.ToFrozenDictionary(StringComparer.Ordinal);
        _byspan = _credentials.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of credentials.</summary>
    public int Count => _credentials.Count;

    /// <inheritdoc />
    public ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_credentials.GetValueOrDefault(accessKeyId));

    /// <summary>The same lookup on the access key id as it sits in the request, so the verifier allocates no string.</summary>
    internal AccessKeyCredential? Find(ReadOnlySpan<char> accessKeyId) => _byspan.TryGetValue(accessKeyId, out var credential) ? credential : null;
}
