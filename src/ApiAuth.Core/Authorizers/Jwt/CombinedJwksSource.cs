namespace ApiAuth.Authorizers.Jwt;

/// <summary>Several key sources asked in order; the first that knows the <c>kid</c> answers.</summary>
internal sealed class CombinedJwksSource(JwksSource[] sources) : JwksSource
{
    internal override async ValueTask<JwksKeyLookup> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var lookup = JwksKeyLookup.Missing(AuthorizerReason.NoSigningKeys);
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
}
