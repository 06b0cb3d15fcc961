using System.Text.Json;

namespace ApiAuth.Testing.Tests;

/// <summary>The kit's user pool: tokens the app's own authorizers accept, and the faulted ones they must refuse.</summary>
public sealed class UserPoolTests
{
    private static readonly TokenFaults[] Faults =
    [
        TokenFaults.Expired, TokenFaults.NotYetValid, TokenFaults.WrongAudience, TokenFaults.WrongIssuer,
        TokenFaults.WrongTokenUse, TokenFaults.UnknownKeyId, TokenFaults.BadSignature,
    ];

    [Test]
    public async Task An_id_token_passes_the_cognito_authorizer_with_the_username_groups_and_claims()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();
        var token = kit.UserPool.IdToken("cognito", "alice", groups: ["admins"], claims: new Dictionary<string, object> { ["email"] = "alice@example.com" });

        using var response = await KitApp.GetAsync(client, "/profile", token);

        ApiAuthAssert.Allowed(response);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var claims = body.GetProperty("claims");
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("principalId").GetString(), Is.EqualTo(TestUserPool.SubjectOf("alice")));
            Assert.That(claims.GetProperty("cognito:username").GetString(), Is.EqualTo("alice"));
            Assert.That(claims.GetProperty("aud").GetString(), Is.EqualTo(KitApp.ClientId), "the audience is the app's client id");
            Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo($"https://cognito-idp.us-east-1.amazonaws.com/{KitApp.PoolId}"));
            Assert.That(claims.GetProperty("email").GetString(), Is.EqualTo("alice@example.com"));
            Assert.That(claims.GetProperty("cognito:groups").GetString(), Does.Contain("admins"));
        });
    }

    [Test]
    public async Task An_access_token_passes_a_method_with_one_of_its_scopes_and_fails_without()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var withScope = await KitApp.GetAsync(client, "/orders", "Bearer " + kit.UserPool.AccessToken("cognito", ["profile", "orders/read"]));
        using var otherScope = await KitApp.GetAsync(client, "/orders", kit.UserPool.AccessToken("cognito", ["orders/write"]));
        using var idToken = await KitApp.GetAsync(client, "/orders", kit.UserPool.IdToken("cognito", "alice"));

        ApiAuthAssert.Allowed(withScope);
        ApiAuthAssert.Denied(otherScope, 401, "UnauthorizedException");
        ApiAuthAssert.Denied(idToken, 401, "UnauthorizedException");
    }

    [Test]
    public async Task A_jwt_authorizer_accepts_the_kits_tokens_with_its_own_issuer_and_audience()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/jwt", kit.UserPool.IdToken("jwt", "carol"));

        ApiAuthAssert.Allowed(response);
        var claims = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("claims");
        Assert.Multiple(() =>
        {
            Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo(KitApp.JwtIssuer));
            Assert.That(claims.GetProperty("aud").GetString(), Is.EqualTo(KitApp.JwtAudience));
        });
    }

    [TestCaseSource(nameof(Faults))]
    public async Task A_faulted_id_token_is_refused_with_401(TokenFaults fault)
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/profile", kit.UserPool.IdToken("cognito", "alice", faults: fault));

        ApiAuthAssert.Denied(response, 401, "UnauthorizedException");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task A_faulted_access_token_is_refused_with_401(TokenFaults fault)
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/orders", kit.UserPool.AccessToken("cognito", ["orders/read"], faults: fault));

        ApiAuthAssert.Denied(response, 401, "UnauthorizedException");
    }

    [Test]
    public async Task Tokens_of_the_apps_own_pool_are_still_accepted_beside_the_kits()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/profile", app.AppIdToken("dave"));

        ApiAuthAssert.Allowed(response);
    }

    [Test]
    public void Minting_before_the_app_started_says_how_to_register_the_kit()
    {
        using var kit = new ApiAuthTestKit();

        var error = Assert.Throws<InvalidOperationException>(() => kit.UserPool.IdToken("cognito", "alice"));

        Assert.That(error!.Message, Does.Contain("AddApiAuthTestKit"));
    }

    [Test]
    public async Task Minting_for_an_authorizer_the_app_lacks_names_the_ones_it_has()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);

        var error = Assert.Throws<ArgumentException>(() => kit.UserPool.AccessToken("token", ["orders/read"]));

        Assert.That(error!.Message, Does.Contain("cognito, jwt"));
    }

    [Test]
    public void The_jwks_publishes_the_pools_key_under_its_kid()
    {
        using var kit = new ApiAuthTestKit();

        var key = JsonDocument.Parse(kit.UserPool.Jwks).RootElement.GetProperty("keys")[0];

        Assert.Multiple(() =>
        {
            Assert.That(key.GetProperty("kid").GetString(), Is.EqualTo(kit.UserPool.KeyId));
            Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(key.TryGetProperty("d", out _), Is.False, "no private part");
        });
    }
}
