using System.Text.Json;
using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Testing.Tests;

/// <summary>Fake TOKEN/REQUEST authorizers in place of the app's, with API Gateway's outcomes and the events they received.</summary>
public sealed class FakeAuthorizerTests
{
    [Test]
    public async Task Allow_lets_the_caller_in_as_its_principal_with_its_context_and_records_the_token_event()
    {
        using var kit = new ApiAuthTestKit();
        var fake = FakeAuthorizer.Allow("alice", new Dictionary<string, object?> { ["tier"] = "gold", ["quota"] = 5 });
        kit.ReplaceAuthorizer("token", fake);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "secret-token");

        ApiAuthAssert.Allowed(response);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var invocation = fake.Invocations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("principalId").GetString(), Is.EqualTo("alice"));
            Assert.That(body.GetProperty("context").GetProperty("tier").GetString(), Is.EqualTo("gold"));
            Assert.That(invocation.Type, Is.EqualTo("TOKEN"));
            Assert.That(invocation.AuthorizationToken, Is.EqualTo("secret-token"));
            Assert.That(invocation.MethodArn, Is.EqualTo(KitApp.ApiArn + "/GET/reports"));
        });
    }

    [Test]
    public async Task Deny_answers_403_with_an_explicit_deny()
    {
        using var kit = new ApiAuthTestKit();
        kit.ReplaceAuthorizer("token", FakeAuthorizer.Deny());
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "t");

        ApiAuthAssert.Denied(response, 403, "AccessDeniedException");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("with an explicit deny"));
    }

    [Test]
    public async Task Unauthorized_answers_401()
    {
        using var kit = new ApiAuthTestKit();
        kit.ReplaceAuthorizer("token", FakeAuthorizer.Unauthorized());
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "t");

        ApiAuthAssert.Denied(response, 401, "UnauthorizedException");
    }

    [Test]
    public async Task Throws_answers_500_with_an_authorizer_configuration_error()
    {
        using var kit = new ApiAuthTestKit();
        kit.ReplaceAuthorizer("token", FakeAuthorizer.Throws());
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "t");

        ApiAuthAssert.Denied(response, 500, "AuthorizerConfigurationException");
    }

    [Test]
    public async Task From_sees_the_whole_request_event_and_the_apps_result_cache_still_applies()
    {
        using var kit = new ApiAuthTestKit();
        var fake = FakeAuthorizer.From(r => r.Headers!["X-Tenant"] == "acme" ? FakeAuthorizer.Allowing(r, "acme") : CustomAuthorizerResponse.Unauthorized);
        kit.ReplaceAuthorizer("request", fake);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var first = await KitApp.GetAsync(client, "/admin?key=k1", null, ("X-Tenant", "acme"));
        using var second = await KitApp.GetAsync(client, "/admin?key=k1", null, ("X-Tenant", "acme"));
        using var missingSource = await KitApp.GetAsync(client, "/admin", null, ("X-Tenant", "acme"));

        ApiAuthAssert.Allowed(first);
        ApiAuthAssert.Allowed(second);
        ApiAuthAssert.Denied(missingSource, 401, "UnauthorizedException");
        var invocation = fake.Invocations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(invocation.Type, Is.EqualTo("REQUEST"));
            Assert.That(invocation.QueryStringParameters!["key"], Is.EqualTo("k1"));
            Assert.That(invocation.HttpMethod, Is.EqualTo("GET"));
            Assert.That(invocation.RequestContext!.Stage, Is.EqualTo("prod"));
        });
    }

    [Test]
    public async Task A_replacement_after_the_app_started_applies_from_the_next_invocation()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();
        using var before = await KitApp.GetAsync(client, "/reports", "app-allow");

        kit.ReplaceAuthorizer("token", FakeAuthorizer.Unauthorized());
        using var after = await KitApp.GetAsync(client, "/reports", "app-allow");

        ApiAuthAssert.Allowed(before);
        ApiAuthAssert.Denied(after, 401, "UnauthorizedException");
    }

    [Test]
    public async Task The_kit_can_supply_an_authorizer_the_app_configures_but_registers_no_code_for()
    {
        using var kit = new ApiAuthTestKit();
        kit.ReplaceAuthorizer("token", FakeAuthorizer.Allow("x"));
        kit.ReplaceAuthorizer("request", FakeAuthorizer.Allow("y"));
        await using var app = await KitApp.StartAsync(kit, registerAppAuthorizers: false);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "t");

        ApiAuthAssert.Allowed(response);
    }

    [Test]
    public void Replacing_an_authorizer_the_app_does_not_have_stops_the_app_with_its_name()
    {
        using var kit = new ApiAuthTestKit();
        kit.ReplaceAuthorizer("tokn", FakeAuthorizer.Allow("x"));

        var error = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await KitApp.StartAsync(kit));

        Assert.That(error!.Message, Does.Contain("no TOKEN or REQUEST authorizer named 'tokn'").And.Contain("token, request"));
    }

    [Test]
    public async Task Replacing_an_authorizer_the_started_app_does_not_have_throws()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);

        Assert.Throws<ArgumentException>(() => kit.ReplaceAuthorizer("cognito", FakeAuthorizer.Allow("x")));
    }

    [Test]
    public async Task A_fake_answer_from_an_async_function_sees_the_authorizers_cancellation_token()
    {
        using var kit = new ApiAuthTestKit();
        var sawToken = false;
        kit.ReplaceAuthorizer("token", FakeAuthorizer.From(async (r, cancellationToken) =>
        {
            sawToken = cancellationToken.CanBeCanceled;
            await Task.Yield();
            return FakeAuthorizer.Allowing(r, "async");
        }));
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();

        using var response = await KitApp.GetAsync(client, "/reports", "t");

        ApiAuthAssert.Allowed(response);
        Assert.That(sawToken, Is.True);
    }
}
