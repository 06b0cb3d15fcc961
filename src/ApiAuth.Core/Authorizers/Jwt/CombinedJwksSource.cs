using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>Several key sources asked in order; the first that knows the <c>kid</c> answers.</summary>
internal sealed class CombinedJwksSource(JwksSource[] sources) : JwksSource
{
    internal override async ValueTask<JwksKeyLookup> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var lookup = JwksKeyLookup.Missing(DecisionReason.NoSigningKeys);
        foreach (var source in sources)
        {
            lookup = await source.FindKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
            if (lookup.Key is not null)
            {
                return lookup;
            }
        }
        return lookup;
    }

    // A cached result stays good while some source still holds its key: FindKeyAsync would find it there too. Kids of
    // the combined sources do not overlap in practice (the test kit's are its own).
    internal override bool StillHolds(string keyId, Microsoft.IdentityModel.Tokens.JsonWebKey key)
    {
        foreach (var source in sources)
        {
            if (source.StillHolds(keyId, key))
            {
                return true;
            }
        }
        return false;
    }
}
