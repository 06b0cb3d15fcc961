using System.Text.Json;

namespace ApiAuth.Testing.Tests;

/// <summary>Test callers: fresh credentials that the app accepts with AddApiAuthTestKit, in both SigV4 forms.</summary>
public sealed class CallerTests
{
    private const string Alice = "arn:aws:iam::123456789012:user/alice";
    private const string GetOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:kitapi/prod/GET/*"}]}""";

    [TestCase(SigV4Form.Header)]
    [TestCase(SigV4Form.Presigned)]
    public async Task A_caller_whose_policy_allows_the_method_is_allowed_as_itself(SigV4Form form)
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller(Alice, GetOnly);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(alice, form));

        using var response = await client.GetAsync("/iam");

        ApiAuthAssert.Allowed(response);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("arn").GetString(), Is.EqualTo(Alice));
    }

    [Test]
    public async Task A_caller_whose_policy_does_not_cover_the_method_gets_an_implicit_deny()
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller(Alice, GetOnly);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(alice));

        using var response = await client.PostAsync("/iam", new StringContent("{}"));

        ApiAuthAssert.Denied(response, 403, "AccessDeniedException");
        Assert.That(response.Headers.GetValues(ApiAuthAssert.DecisionHeader).Single(), Does.Contain("\"reason\":\"ImplicitDeny\""));
    }

    [Test]
    public async Task Temporary_credentials_are_signed_with_their_session_token()
    {
        using var kit = new ApiAuthTestKit();
        var role = kit.AddCaller("arn:aws:sts::123456789012:assumed-role/reader/session-1", sessionToken: true, KitApp.AllowAll);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(role));

        using var response = await client.GetAsync("/iam");

        ApiAuthAssert.Allowed(response);
        Assert.Multiple(() =>
        {
            Assert.That(role.AccessKeyId, Does.StartWith("ASIA"));
            Assert.That(role.SessionToken, Is.Not.Empty);
        });
    }

    [Test]
    public async Task Temporary_credentials_without_their_session_token_are_refused()
    {
        using var kit = new ApiAuthTestKit();
        var role = kit.AddCaller("arn:aws:sts::123456789012:assumed-role/reader/session-1", sessionToken: true, KitApp.AllowAll);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(new TestCaller(role.PrincipalArn, role.AccessKeyId, role.SecretAccessKey, sessionToken: null)));

        using var response = await client.GetAsync("/iam");

        ApiAuthAssert.Denied(response, 403, "UnrecognizedClientException");
    }

    [Test]
    public async Task A_wrong_secret_is_refused_as_a_signature_mismatch()
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller(Alice, KitApp.AllowAll);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(new TestCaller(alice.PrincipalArn, alice.AccessKeyId, "not-the-secret", null)));

        using var response = await client.GetAsync("/iam");

        ApiAuthAssert.Denied(response, 403, "InvalidSignatureException");
    }

    [Test]
    public async Task A_caller_of_another_account_needs_the_resource_policy_to_allow_it_too()
    {
        using var kit = new ApiAuthTestKit();
        var outsider = kit.AddCaller("arn:aws:iam::999999999999:user/bob", KitApp.AllowAll);
        await using var withoutGrant = await KitApp.StartAsync(kit);
        using (var client = withoutGrant.Client(kit.SigV4Handler(outsider)))
        using (var response = await client.GetAsync("/iam"))
        {
            ApiAuthAssert.Denied(response, 403, "AccessDeniedException");
        }

        using var kit2 = new ApiAuthTestKit();
        var outsider2 = kit2.AddCaller("arn:aws:iam::999999999999:user/bob", KitApp.AllowAll);
        await using var withGrant = await KitApp.StartAsync(kit2, o => o.ResourcePolicy =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"999999999999"},"Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/iam"}]}""");
        using var granted = withGrant.Client(kit2.SigV4Handler(outsider2));
        using var allowed = await granted.GetAsync("/iam");
        ApiAuthAssert.Allowed(allowed);
    }

    [Test]
    public async Task The_apps_own_credentials_keep_working_beside_the_kits()
    {
        using var kit = new ApiAuthTestKit();
        kit.AddCaller(Alice, KitApp.AllowAll);
        await using var app = await KitApp.StartAsync(kit);
        using var client = app.Client(kit.SigV4Handler(new TestCaller(KitApp.AppUserArn, KitApp.AppAccessKeyId, KitApp.AppSecret, null)));

        using var response = await client.GetAsync("/iam");

        ApiAuthAssert.Allowed(response);
    }

    [Test]
    public void An_invalid_identity_policy_is_refused_with_its_json_path()
    {
        using var kit = new ApiAuthTestKit();

        var error = Assert.Throws<ArgumentException>(() => kit.AddCaller(Alice, """{"Version":"2012-10-17","Statement":[{"Effect":"Allwo","Action":"*","Resource":"*"}]}"""));

        Assert.That(error!.Message, Does.Contain("Statement[0].Effect").Or.Contain("Statement[0]"));
    }

    [Test]
    public void Every_caller_has_fresh_credentials_and_never_prints_its_secret()
    {
        using var kit = new ApiAuthTestKit();
        var first = kit.AddCaller(Alice);
        var second = kit.AddCaller(Alice);

        Assert.Multiple(() =>
        {
            Assert.That(first.AccessKeyId, Does.StartWith("AKIA").And.Length.EqualTo(20));
            Assert.That(first.AccessKeyId, Is.Not.EqualTo(second.AccessKeyId));
            Assert.That(first.SecretAccessKey, Is.Not.EqualTo(second.SecretAccessKey));
            Assert.That(first.SessionToken, Is.Null);
            Assert.That(first.ToString(), Does.Not.Contain(first.SecretAccessKey));
            Assert.That(kit.Callers, Has.Count.EqualTo(2));
        });
    }
}
