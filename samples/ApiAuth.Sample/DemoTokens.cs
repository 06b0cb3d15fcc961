using System.Reflection;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Sample;

/// <summary>
/// Mints Cognito-shaped demo tokens with the demo key whose public half is the demo JWKS, so the printed example
/// calls to <c>/profile</c> and <c>/orders</c> work when pasted. Only for the embedded demo configuration.
/// </summary>
internal static class DemoTokens
{
    public const string UserPoolId = "us-east-1_ApiAuthDemo";
    public const string ClientId = "apiauth-demo-client";
    public const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + UserPoolId;

    public static (string IdToken, string AccessToken) Mint(TimeProvider time)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo-signing-key.pem")!;
        using var reader = new StreamReader(stream);
        var rsa = RSA.Create();
        rsa.ImportFromPem(reader.ReadToEnd());
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "apiauth-demo-key-1" }, SecurityAlgorithms.RsaSha256);
        var now = time.GetUtcNow().UtcDateTime;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };

        string Token(Dictionary<string, object> claims) => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(12),
            Claims = claims,
            SigningCredentials = credentials,
        });

        var id = Token(new Dictionary<string, object>
        {
            ["sub"] = "11111111-2222-3333-4444-555555555555",
            ["aud"] = ClientId,
            ["token_use"] = "id",
            ["email"] = "demo@example.com",
            ["cognito:username"] = "demo",
            ["cognito:groups"] = new[] { "readers" },
        });
        var access = Token(new Dictionary<string, object>
        {
            ["sub"] = "11111111-2222-3333-4444-555555555555",
            ["client_id"] = ClientId,
            ["token_use"] = "access",
            ["scope"] = "orders/read",
            ["username"] = "demo",
        });
        return (id, access);
    }
}
