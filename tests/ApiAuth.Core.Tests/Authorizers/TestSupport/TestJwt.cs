using System.Text;
using System.Text.Json;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>Mints JWTs by hand, so tests can build tokens no well-behaved library would (attack corpus).</summary>
internal static class TestJwt
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public const string Region = "us-east-1";
    public const string PoolId = "us-east-1_TestPool1";
    public const string ClientId = "client-1";
    public const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1";

    /// <summary>The test pool's authorizer for the test app client.</summary>
    public static CognitoUserPoolAuthorizer Cognito(JwksSource keys, TimeProvider time, TimeSpan clockSkew = default) => new(
        new CognitoUserPoolAuthorizerOptions { Region = Region, UserPoolId = PoolId, AppClientIds = [ClientId], ClockSkew = clockSkew },
        keys,
        time);

    public static string Jwks(params Dictionary<string, object?>[] keys) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys });

    public static Dictionary<string, object?> Header(string kid, string alg = "RS256") =>
        new() { ["kid"] = kid, ["alg"] = alg };

    public static Dictionary<string, object?> IdTokenPayload(DateTimeOffset? now = null)
    {
        var t = (now ?? Now).ToUnixTimeSeconds();
        return new()
        {
            ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["token_use"] = "id",
            ["auth_time"] = t - 60,
            ["iat"] = t - 60,
            ["exp"] = t + 3600,
            ["email"] = "alice@example.com",
            ["cognito:groups"] = new[] { "admins", "readers" },
        };
    }

    public static Dictionary<string, object?> AccessTokenPayload(DateTimeOffset? now = null)
    {
        var t = (now ?? Now).ToUnixTimeSeconds();
        return new()
        {
            ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["iss"] = Issuer,
            ["client_id"] = ClientId,
            ["token_use"] = "access",
            ["scope"] = "orders/read profile",
            ["auth_time"] = t - 60,
            ["iat"] = t - 60,
            ["exp"] = t + 3600,
            ["username"] = "alice",
            ["cognito:groups"] = new[] { "admins" },
        };
    }

    public static string Rs256(TestSigningKey key, Dictionary<string, object?> payload) =>
        Mint(Header(key.Kid), payload, key.SignRs256);

    public static string Mint(Dictionary<string, object?> header, Dictionary<string, object?> payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = sign?.Invoke(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + (signature is null ? string.Empty : Base64UrlEncoder.Encode(signature));
    }

    public static string Encode(Dictionary<string, object?> part) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(part));

    public static Dictionary<string, object?> With(this Dictionary<string, object?> part, string name, object? value)
    {
        var copy = new Dictionary<string, object?>(part) { [name] = value };
        return copy;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> part, string name)
    {
        var copy = new Dictionary<string, object?>(part);
        copy.Remove(name);
        return copy;
    }
}
