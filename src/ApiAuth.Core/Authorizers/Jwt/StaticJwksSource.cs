using System.Collections.Frozen;
using ApiAuth.Gateway;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>A fixed set of keys.</summary>
internal sealed class StaticJwksSource(FrozenDictionary<string, JsonWebKey> keys) : JwksSource
{
    internal override ValueTask<JwksKeyLookup> FindKeyAsync(string keyId, CancellationToken cancellationToken) =>
        new(keys.Count == 0 ? JwksKeyLookup.Missing(DecisionReason.NoSigningKeys)
            : keys.TryGetValue(keyId, out var key) ? JwksKeyLookup.Found(key)
            : JwksKeyLookup.Missing(DecisionReason.UnknownKeyId));

    internal override bool StillHolds(string keyId, JsonWebKey key) => keys.TryGetValue(keyId, out var current) && ReferenceEquals(current, key);
}
