using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>A signing key found by <c>kid</c>, or why none was.</summary>
internal readonly record struct JwksKeyLookup(JsonWebKey? Key, AuthorizerReason Failure)
{
    public static JwksKeyLookup Found(JsonWebKey key) => new(key, AuthorizerReason.Allowed);

    public static JwksKeyLookup Missing(AuthorizerReason reason) => new(null, reason);
}
