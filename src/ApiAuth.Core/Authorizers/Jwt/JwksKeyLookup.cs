using ApiAuth.Gateway;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>A signing key found by <c>kid</c>, or why none was.</summary>
internal readonly record struct JwksKeyLookup(JsonWebKey? Key, DecisionReason Failure)
{
    public static JwksKeyLookup Found(JsonWebKey key) => new(key, DecisionReason.Allow);

    public static JwksKeyLookup Missing(DecisionReason reason) => new(null, reason);
}
