using ApiAuth.Arns;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Simulation;

namespace ApiAuth.Testing.Tests;

/// <summary>ApiAuthAssert passes on the expected decision and otherwise fails with the decision's explanation.</summary>
public sealed class ApiAuthAssertTests
{
    private const string ReadPets = """{"Version":"2012-10-17","Statement":[{"Sid":"ReadPets","Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:kitapi/prod/GET/*"}]}""";

    [Test]
    public async Task Allowed_fails_on_a_denial_with_the_reason_and_method_arn_in_its_message()
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller("arn:aws:iam::123456789012:user/alice", ReadPets);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(alice));
        using var response = await client.PostAsync("/iam", new StringContent("{}"));

        var error = Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Allowed(response));

        Assert.That(error!.Message, Does.Contain("Expected ApiAuth to allow POST /iam")
            .And.Contain("ImplicitDeny")
            .And.Contain(KitApp.ApiArn + "/POST/iam")
            .And.Contain("arn:aws:iam::123456789012:user/alice")
            .And.Contain("is not authorized to perform"));
    }

    [Test]
    public async Task Allowed_names_the_deciding_statement_of_an_allow_in_the_header()
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller("arn:aws:iam::123456789012:user/alice", ReadPets);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(alice));
        using var response = await client.GetAsync("/iam");

        ApiAuthAssert.Allowed(response);
        Assert.That(response.Headers.GetValues(ApiAuthAssert.DecisionHeader).Single(), Does.Contain("Allow ").And.Contain(":ReadPets"));
    }

    [Test]
    public async Task Denied_fails_on_an_allow_and_on_another_status_or_error_type()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();
        using var allowed = await KitApp.GetAsync(client, "/open");
        using var missing = await KitApp.GetAsync(client, "/iam");

        ApiAuthAssert.Denied(missing, 403, "MissingAuthenticationTokenException");
        Assert.Multiple(() =>
        {
            Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Denied(allowed, 200, "None"));
            Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Denied(missing, 401, "MissingAuthenticationTokenException"));
            var wrongType = Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Denied(missing, 403, "AccessDeniedException"));
            Assert.That(wrongType!.Message, Does.Contain("MissingAuthenticationTokenException").And.Contain("Missing Authentication Token"));
        });
    }

    [Test]
    public async Task Allowed_fails_when_apiauth_made_no_decision()
    {
        using var kit = new ApiAuthTestKit();
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client();
        using var unprotected = await KitApp.GetAsync(client, "/unprotected");
        await using var production = await KitApp.StartAsync(kit: null);
        using var productionClient = production.Client();
        using var withoutKit = await KitApp.GetAsync(productionClient, "/open");

        Assert.Multiple(() =>
        {
            var error = Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Allowed(unprotected));
            Assert.That(error!.Message, Does.Contain("No x-apiauth-decision header"));
            Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Allowed(withoutKit));
            Assert.Throws<ApiAuthAssertionException>(() => ApiAuthAssert.Denied(withoutKit, 200, "x"));
        });
    }

    [Test]
    public void Decision_passes_on_the_expected_policy_decision_and_fails_with_the_simulators_explanation()
    {
        var simulator = new PolicySimulator(new RestApiReference("us-east-1", "123456789012", "kitapi"), "prod")
            .WithIdentityPolicies("arn:aws:iam::123456789012:user/alice", ReadPets);

        var allowed = ApiAuthAssert.Decision(simulator, PolicyDecision.Allow, "arn:aws:iam::123456789012:user/alice", "GET", "/pets");
        var error = Assert.Throws<ApiAuthAssertionException>(() =>
            ApiAuthAssert.Decision(simulator, PolicyDecision.Allow, "arn:aws:iam::123456789012:user/alice", "DELETE", "/pets"));

        Assert.Multiple(() =>
        {
            Assert.That(allowed.IsAllowed, Is.True);
            Assert.That(error!.Message, Does.Contain("ImplicitDeny").And.Contain("DELETE /pets"));
            Assert.DoesNotThrow(() => ApiAuthAssert.Decision(simulator.Check("anonymous", "GET", "/pets"), PolicyDecision.Allow));
        });
    }
}
