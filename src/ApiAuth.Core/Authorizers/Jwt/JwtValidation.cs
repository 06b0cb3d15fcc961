using ApiAuth.Gateway;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>A signed, unexpired JWT from a trusted issuer with the key that verified it and its lifetime, or why the token is not one.</summary>
internal readonly record struct JwtValidation(DecisionReason Reason, JsonWebToken? Token, JsonWebKey? Key = null, JwtLifetime Lifetime = default)
{
    public static JwtValidation Rejected(DecisionReason reason) => new(reason, null);
}
