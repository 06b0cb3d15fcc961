using System.Net.Http.Json;
using System.Text.Json;
using ApiAuth.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Sample.Tests;

/// <summary>
/// The sample API tested the way its users would test theirs: one <see cref="ApiAuthTestKit"/> per test, registered
/// with AddApiAuthTestKit; the app's own settings (resource policy, user pool, authorizers) are used unchanged.
/// </summary>
public sealed class SampleApiTests
{
    private const string ReadPets = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke",
          "Resource":"arn:aws:execute-api:us-east-1:123456789012:sampleapi/prod/GET/pets*"}]}
        """;

    private ApiAuthTestKit _kit = null!;
    private WebApplicationFactory<Program> _factory = null!;

    [SetUp]
    public void StartSample()
    {
        _kit = new ApiAuthTestKit();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("urls", "http://127.0.0.1:0")
            .ConfigureTestServices(services => services.AddApiAuthTestKit(_kit)));
    }

    [TearDown]
    public void StopSample()
    {
        _factory.Dispose();
        _kit.Dispose();
    }

    [TestCase(SigV4Form.Header)]
    [TestCase(SigV4Form.Presigned)]
    public async Task An_iam_caller_allowed_by_its_policy_reads_pets(SigV4Form form)
    {
        var alice = _kit.AddCaller("arn:aws:iam::123456789012:user/alice", ReadPets);
        using var client = _factory.CreateDefaultClient(_kit.SigV4Handler(alice, form));

        using var response = await client.GetAsync("/pets/1");

        ApiAuthAssert.Allowed(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("arn").GetString(), Is.EqualTo("arn:aws:iam::123456789012:user/alice"));
    }

    [Test]
    public async Task An_iam_caller_is_denied_what_its_policy_explicitly_denies()
    {
        // In its own account a caller's silent policy is not enough to deny: the sample's resource policy allows "*".
        const string NoWrites = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"execute-api:Invoke",
              "Resource":"arn:aws:execute-api:us-east-1:123456789012:sampleapi/prod/POST/*"}]}
            """;
        var alice = _kit.AddCaller("arn:aws:iam::123456789012:user/alice", ReadPets, NoWrites);
        using var client = _factory.CreateDefaultClient(_kit.SigV4Handler(alice));

        using var response = await client.PostAsJsonAsync("/pets", new { name = "Rex" });

        ApiAuthAssert.Denied(response, 403, "AccessDeniedException");
    }

    [Test]
    public async Task A_caller_from_another_account_needs_both_its_policy_and_the_resource_policy()
    {
        // The sample's resource policy allows "*", so a cross-account caller gets in when its own account allows it too.
        var partner = _kit.AddCaller("arn:aws:iam::999999999999:role/partner", ReadPets);
        var stranger = _kit.AddCaller("arn:aws:iam::999999999999:user/stranger");
        using var partnerClient = _factory.CreateDefaultClient(_kit.SigV4Handler(partner));
        using var strangerClient = _factory.CreateDefaultClient(_kit.SigV4Handler(stranger));

        using var allowed = await partnerClient.GetAsync("/pets");
        using var denied = await strangerClient.GetAsync("/pets");

        ApiAuthAssert.Allowed(allowed);
        ApiAuthAssert.Denied(denied, 403, "AccessDeniedException");
    }

    [Test]
    public async Task An_x_forwarded_for_header_from_an_untrusted_peer_cannot_move_a_caller_into_the_denied_network()
    {
        var alice = _kit.AddCaller("arn:aws:iam::123456789012:user/alice", ReadPets);
        using var client = _factory.CreateDefaultClient(_kit.SigV4Handler(alice));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pets");

        // TestServer's connection has no address; the sample trusts no proxy, so X-Forwarded-For must not help.
        request.Headers.Add("X-Forwarded-For", "192.0.2.7");
        using var response = await client.SendAsync(request);

        ApiAuthAssert.Allowed(response);
    }

    [Test]
    public async Task An_id_token_of_the_pool_reads_the_profile_with_its_groups()
    {
        var client = _factory.CreateClient();
        var token = _kit.UserPool.IdToken("cognito", "alice", groups: ["readers"]);

        using var response = await Send(client, "/profile", token);

        ApiAuthAssert.Allowed(response);
        var claims = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("claims");
        Assert.Multiple(() =>
        {
            Assert.That(claims.GetProperty("cognito:username").GetString(), Is.EqualTo("alice"));
            Assert.That(claims.GetProperty("cognito:groups").GetString(), Does.Contain("readers"));
        });
    }

    [Test]
    public async Task Orders_need_an_access_token_with_the_orders_read_scope()
    {
        var client = _factory.CreateClient();

        using var withScope = await Send(client, "/orders", _kit.UserPool.AccessToken("cognito", ["orders/read"]));
        using var withoutScope = await Send(client, "/orders", _kit.UserPool.AccessToken("cognito", ["profile"]));
        using var idToken = await Send(client, "/orders", _kit.UserPool.IdToken("cognito", "alice"));

        ApiAuthAssert.Allowed(withScope);
        ApiAuthAssert.Denied(withoutScope, 401, "UnauthorizedException");
        ApiAuthAssert.Denied(idToken, 401, "UnauthorizedException");
    }

    [TestCase(TokenFaults.Expired)]
    [TestCase(TokenFaults.NotYetValid)]
    [TestCase(TokenFaults.WrongAudience)]
    [TestCase(TokenFaults.WrongIssuer)]
    [TestCase(TokenFaults.WrongTokenUse)]
    [TestCase(TokenFaults.UnknownKeyId)]
    [TestCase(TokenFaults.BadSignature)]
    public async Task A_faulted_token_is_refused(TokenFaults fault)
    {
        var client = _factory.CreateClient();

        using var response = await Send(client, "/profile", _kit.UserPool.IdToken("cognito", "alice", faults: fault));

        ApiAuthAssert.Denied(response, 401, "UnauthorizedException");
    }

    [Test]
    public async Task A_fake_token_authorizer_gets_the_token_and_its_context_reaches_the_route()
    {
        var fake = FakeAuthorizer.Allow("reporter", new Dictionary<string, object?> { ["tier"] = "gold" });
        _kit.ReplaceAuthorizer("demo-token", fake);
        var client = _factory.CreateClient();

        using var response = await Send(client, "/reports", "Bearer any-token");

        ApiAuthAssert.Allowed(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var invocation = fake.Invocations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("principalId").GetString(), Is.EqualTo("reporter"));
            Assert.That(body.GetProperty("context").GetProperty("tier").GetString(), Is.EqualTo("gold"));
            Assert.That(invocation.Type, Is.EqualTo("TOKEN"));
            Assert.That(invocation.AuthorizationToken, Is.EqualTo("Bearer any-token"));
            Assert.That(invocation.MethodArn, Is.EqualTo("arn:aws:execute-api:us-east-1:123456789012:sampleapi/prod/GET/reports"));
        });
    }

    [Test]
    public async Task Fake_authorizers_answer_deny_unauthorized_and_errors_as_api_gateway_does()
    {
        var client = _factory.CreateClient();

        _kit.ReplaceAuthorizer("demo-token", FakeAuthorizer.Deny());
        using var denied = await Send(client, "/reports", "t1");
        _kit.ReplaceAuthorizer("demo-token", FakeAuthorizer.Unauthorized());
        using var unauthorized = await Send(client, "/reports", "t2");
        _kit.ReplaceAuthorizer("demo-token", FakeAuthorizer.Throws());
        using var failed = await Send(client, "/reports", "t3");

        ApiAuthAssert.Denied(denied, 403, "AccessDeniedException");
        ApiAuthAssert.Denied(unauthorized, 401, "UnauthorizedException");
        ApiAuthAssert.Denied(failed, 500, "AuthorizerConfigurationException");
    }

    [Test]
    public async Task A_fake_request_authorizer_receives_the_identity_sources_and_its_result_is_cached()
    {
        var fake = FakeAuthorizer.From(request => FakeAuthorizer.Allowing(request, request.Headers!["X-Tenant"]));
        _kit.ReplaceAuthorizer("demo-request", fake);
        var client = _factory.CreateClient();

        using var first = await Send(client, "/admin?key=k-1", null, ("X-Tenant", "acme"));
        using var second = await Send(client, "/admin?key=k-1", null, ("X-Tenant", "acme"));

        ApiAuthAssert.Allowed(first);
        ApiAuthAssert.Allowed(second);
        var invocation = fake.Invocations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(invocation.Type, Is.EqualTo("REQUEST"));
            Assert.That(invocation.QueryStringParameters!["key"], Is.EqualTo("k-1"));
            Assert.That(invocation.Path, Is.EqualTo("/admin"));
        });
    }

    [Test]
    public async Task The_health_route_is_open_to_anyone()
    {
        var client = _factory.CreateClient();

        using var response = await client.GetAsync("/health");

        ApiAuthAssert.Allowed(response);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string path, string? authorization, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await client.SendAsync(request);
    }
}
