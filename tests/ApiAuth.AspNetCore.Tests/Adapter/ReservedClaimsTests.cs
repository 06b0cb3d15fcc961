using System.Security.Claims;
using System.Text.Json;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.Tests.Sample;
using ApiAuth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// A token's claims reach HttpContext.User, but never the ones ApiAuth itself sets: a token must not pass for an IAM
/// caller (arn, accountId, accessKeyId), rename the principal, change the auth type or grant roles.
/// </summary>
public sealed class ReservedClaimsTests
{
    private const string UserPoolId = "us-east-1_ApiAuthDemo";
    private const string ClientId = "apiauth-demo-client";

    [Test]
    public async Task Token_claims_cannot_set_apiauths_own_claims_or_roles()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await TestApp.StartAsync(o =>
        {
            var cognito = new AuthorizerOptions { Type = "COGNITO_USER_POOLS", UserPoolId = UserPoolId, JwksFile = Path.Combine(AppContext.BaseDirectory, "demo-jwks.json") };
            cognito.AppClientIds.Add(ClientId);
            o.Authorizers["cognito"] = cognito;
        }, services: services => services.AddApiAuthTestKit(kit));
        var token = kit.UserPool.IdToken("cognito", "real-subject", claims: new Dictionary<string, object>
        {
            ["email"] = "mallory@example.com",
            ["arn"] = "arn:aws:iam::123456789012:user/admin",
            ["accountId"] = "123456789012",
            ["accessKeyId"] = "AKIAIOSFODNN7EXAMPLE",
            ["principalId"] = "admin",
            ["apiauth:authType"] = "AwsIam",
            [ClaimTypes.Role] = "admin",
            [ClaimTypes.NameIdentifier] = "admin",
        });

        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/minimal/cognito");
        request.Headers.TryAddWithoutValidation("Authorization", token);
        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var claims = body.GetProperty("claims").EnumerateArray().Select(c => (c[0].GetString()!, c[1].GetString()!)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(claims, Does.Contain(("email", "mallory@example.com")), "ordinary claims do come through");
            Assert.That(claims.Where(c => c.Item1 is "arn" or "accountId" or "accessKeyId"), Is.Empty);
            Assert.That(claims.Where(c => c.Item1 is "principalId" or ClaimTypes.NameIdentifier).Select(c => c.Item2), Has.None.EqualTo("admin"));
            Assert.That(claims.Where(c => c.Item1 == "apiauth:authType").Select(c => c.Item2), Is.All.EqualTo("CognitoUserPools"));
            Assert.That(body.GetProperty("isAdmin").GetBoolean(), Is.False);
        });
    }
}
