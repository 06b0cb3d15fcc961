using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Testing.Tests;

/// <summary>
/// Nothing of a kit reaches an app that did not register it with AddApiAuthTestKit: its callers and keys are
/// refused, its fakes never run, and no decision header is sent.
/// </summary>
public sealed class ProductionGuardTests
{
    [Test]
    public async Task Without_the_kit_its_callers_are_refused_as_unknown_keys()
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller("arn:aws:iam::123456789012:user/alice", KitApp.AllowAll);
        await using var production = await KitApp.StartAsync(kit: null);
        using var client = production.Client(kit.SigV4Handler(alice));

        using var response = await client.GetAsync("/iam");

        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(403));
            Assert.That(response.Headers.GetValues("x-amzn-ErrorType").Single(), Is.EqualTo("UnrecognizedClientException"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The security token included in the request is invalid."));
        });
    }

    [Test]
    public async Task Without_the_kit_its_tokens_are_refused()
    {
        using var kit = new ApiAuthTestKit();
        // The same kit, registered in a test app, mints tokens the production app must not accept.
        await using var withKit = await KitApp.StartAsync(kit);
        var idToken = kit.UserPool.IdToken("cognito", "alice");
        var accessToken = kit.UserPool.AccessToken("cognito", ["orders/read"]);
        var jwtToken = kit.UserPool.IdToken("jwt", "alice");
        await using var production = await KitApp.StartAsync(kit: null);
        using var testClient = withKit.Client();
        using var client = production.Client();

        using var accepted = await KitApp.GetAsync(testClient, "/profile", idToken);
        using var profile = await KitApp.GetAsync(client, "/profile", idToken);
        using var orders = await KitApp.GetAsync(client, "/orders", accessToken);
        using var jwt = await KitApp.GetAsync(client, "/jwt", jwtToken);

        Assert.Multiple(() =>
        {
            Assert.That((int)accepted.StatusCode, Is.EqualTo(200), "the token is good where the kit is registered");
            Assert.That((int)profile.StatusCode, Is.EqualTo(401));
            Assert.That((int)orders.StatusCode, Is.EqualTo(401));
            Assert.That((int)jwt.StatusCode, Is.EqualTo(401));
        });
    }

    [Test]
    public async Task Without_the_kit_its_fake_authorizers_never_run()
    {
        using var kit = new ApiAuthTestKit();
        var fake = FakeAuthorizer.Allow("mallory");
        kit.ReplaceAuthorizer("token", fake);
        await using var production = await KitApp.StartAsync(kit: null);
        using var client = production.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "anything");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(401), "the app's own authorizer decided");
            Assert.That(fake.Invocations, Is.Empty);
        });
    }

    [TestCase("/open", null)]
    [TestCase("/iam", null)]
    [TestCase("/profile", "not-a-token")]
    [TestCase("/reports", "app-allow")]
    [TestCase("/reports", "other")]
    public async Task Without_the_kit_no_decision_header_is_ever_sent(string path, string? authorization)
    {
        await using var production = await KitApp.StartAsync(kit: null);
        using var client = production.Client();

        using var response = await KitApp.GetAsync(client, path, authorization);

        Assert.That(response.Headers.Contains(ApiAuthAssert.DecisionHeader), Is.False, $"{(int)response.StatusCode} {path}");
    }

    [Test]
    public async Task With_the_kit_the_decision_header_is_sent_for_allowed_and_denied_requests()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var allowed = await KitApp.GetAsync(client, "/open");
        using var denied = await KitApp.GetAsync(client, "/iam");

        Assert.Multiple(() =>
        {
            Assert.That(allowed.Headers.GetValues(ApiAuthAssert.DecisionHeader).Single(), Does.Contain("\"allowed\":true"));
            Assert.That(denied.Headers.GetValues(ApiAuthAssert.DecisionHeader).Single(), Does.Contain("\"allowed\":false").And.Contain("MissingAuthenticationToken"));
        });
    }

    [Test]
    public void A_kit_registered_twice_in_one_app_is_refused()
    {
        using var kit = new ApiAuthTestKit();
        using var other = new ApiAuthTestKit();
        var services = new ServiceCollection();
        services.AddApiAuthTestKit(kit);

        Assert.Throws<InvalidOperationException>(() => services.AddApiAuthTestKit(other));
    }
}
