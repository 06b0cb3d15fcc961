using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>A signed, unexpired JWT from a trusted issuer, or why the token is not one.</summary>
internal readonly record struct JwtValidation(AuthorizerReason Reason, JsonWebToken? Token)
{
    public static JwtValidation Rejected(AuthorizerReason reason) => new(reason, null);
}
