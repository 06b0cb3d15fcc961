using System.Net.Http.Json;
using ApiAuth.Sample;
using static ApiAuth.AspNetCore.Tests.Sample.SampleFactory;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>
/// The sample API (DESIGN §4) through WebApplicationFactory: every route, every auth type, every outcome with
/// API Gateway's status, x-amzn-ErrorType and body.
/// </summary>
public sealed class SampleApiTests
{
    private SampleFactory _factory = null!;
    private HttpClient _client = null!;
    private string _idToken = null!;
    private string _accessToken = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new SampleFactory();
        _client = _factory.CreateClient();
        (_idToken, _accessToken) = DemoTokens.Mint(TimeProvider.System);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task Health_is_open_under_the_demo_resource_policy()
    {
        var answer = await GetAsync(_client, "/health");
        Assert.That(answer.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Unsigned_iam_route_is_403_missing_authentication_token()
    {
        var answer = await GetAsync(_client, "/pets");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.ErrorType, Is.EqualTo("MissingAuthenticationTokenException"));
            Assert.That(answer.Message, Is.EqualTo("Missing Authentication Token"));
        });
    }

    [TestCase("/pets", "GET/pets")]
    [TestCase("/pets/42", "GET/pets/42")]
    public async Task Signed_iam_route_answers_with_the_caller(string path, string methodSuffix)
    {
        using var client = _factory.CreateSignedClient();
        using var response = await client.GetAsync(path);
        var answer = await GatewayAnswer.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200), answer.Body.ToString());
            Assert.That(answer.Field("principalId"), Is.EqualTo("arn:aws:iam::123456789012:user/demo"));
            Assert.That(answer.Field("arn"), Is.EqualTo("arn:aws:iam::123456789012:user/demo"));
            Assert.That(answer.Field("accountId"), Is.EqualTo("123456789012"));
            Assert.That(answer.Field("methodArn"), Is.EqualTo("arn:aws:execute-api:us-east-1:123456789012:sampleapi/prod/" + methodSuffix));
        });
    }

    [Test]
    public async Task Signed_post_with_a_body_reaches_the_app_with_its_body_intact()
    {
        using var client = _factory.CreateSignedClient();
        using var response = await client.PostAsJsonAsync("/pets", new { name = "Rex" });
        var answer = await GatewayAnswer.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200), answer.Body.ToString());
            Assert.That(answer.Body.GetProperty("data").GetProperty("created").GetProperty("name").GetString(), Is.EqualTo("Rex"));
        });
    }

    [Test]
    public async Task Request_signed_with_the_wrong_secret_is_403_invalid_signature()
    {
        using var client = _factory.CreateSignedClient("wrong-secret");
        using var response = await client.GetAsync("/pets");
        var answer = await GatewayAnswer.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.ErrorType, Is.EqualTo("InvalidSignatureException"));
            Assert.That(answer.Message, Does.StartWith("The request signature we calculated does not match"));
        });
    }

    [Test]
    public async Task Body_over_the_limit_is_413_before_hashing()
    {
        await using var factory = new SampleFactory(WriteConfig("\"MaxBodySize\": 1024,"));
        using var client = factory.CreateSignedClient();
        using var response = await client.PostAsync("/pets", new ByteArrayContent(new byte[4096]));
        var answer = await GatewayAnswer.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(413));
            Assert.That(answer.Message, Is.EqualTo("Request Too Long"));
        });
    }

    [Test]
    public async Task Profile_accepts_the_id_token_and_exposes_its_claims()
    {
        var answer = await GetAsync(_client, "/profile", _idToken);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200), answer.Body.ToString());
            Assert.That(answer.Field("principalId"), Is.EqualTo("11111111-2222-3333-4444-555555555555"));
            Assert.That(answer.Body.GetProperty("claims").GetProperty("email").GetString(), Is.EqualTo("demo@example.com"));
        });
    }

    [Test]
    public async Task Profile_refuses_an_access_token_because_a_method_without_scopes_needs_an_id_token()
    {
        var answer = await GetAsync(_client, "/profile", _accessToken);
        AssertUnauthorized(answer);
    }

    [Test]
    public async Task Orders_accepts_the_access_token_with_scope_orders_read()
    {
        var answer = await GetAsync(_client, "/orders", _accessToken);
        Assert.That(answer.Status, Is.EqualTo(200), answer.Body.ToString());
    }

    [Test]
    public async Task Orders_refuses_the_id_token()
    {
        AssertUnauthorized(await GetAsync(_client, "/orders", _idToken));
    }

    [TestCase("/profile")]
    [TestCase("/orders")]
    public async Task Cognito_routes_refuse_a_missing_or_forged_token(string path)
    {
        AssertUnauthorized(await GetAsync(_client, path));
        AssertUnauthorized(await GetAsync(_client, path, _idToken[..^4] + "AAAA"));
    }

    [Test]
    public async Task Token_authorizer_allow_is_200_with_principal_and_context()
    {
        var answer = await GetAsync(_client, "/reports", "allow");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200));
            Assert.That(answer.Field("principalId"), Is.EqualTo("demo-user"));
            Assert.That(answer.Body.GetProperty("context").GetProperty("tier").GetString(), Is.EqualTo("demo"));
            Assert.That(answer.Body.GetProperty("context").GetProperty("quota").GetDouble(), Is.EqualTo(100));
        });
    }

    [Test]
    public async Task Token_authorizer_deny_is_403_with_the_explicit_deny_message()
    {
        var answer = await GetAsync(_client, "/reports", "deny");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.ErrorType, Is.EqualTo("AccessDeniedException"));
            Assert.That(answer.Message, Is.EqualTo("User is not authorized to access this resource with an explicit deny"));
        });
    }

    [Test]
    public async Task Token_authorizer_unauthorized_is_401() => AssertUnauthorized(await GetAsync(_client, "/reports", "unauthorized"));

    [Test]
    public async Task Token_authorizer_missing_token_is_401() => AssertUnauthorized(await GetAsync(_client, "/reports"));

    [Test]
    public async Task Token_authorizer_failure_is_500_with_a_null_message()
    {
        var answer = await GetAsync(_client, "/reports", "something-else");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(500));
            Assert.That(answer.ErrorType, Is.EqualTo("AuthorizerConfigurationException"));
            Assert.That(answer.MessageIsNull, Is.True);
        });
    }

    [Test]
    public async Task Request_authorizer_with_both_sources_and_the_right_key_allows_the_tenant()
    {
        var answer = await GetAsync(_client, "/admin?key=demo-key", null, ("X-Tenant", "acme"));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200));
            Assert.That(answer.Field("principalId"), Is.EqualTo("acme"));
        });
    }

    [Test]
    public async Task Request_authorizer_with_another_key_denies() =>
        Assert.That((await GetAsync(_client, "/admin?key=other", null, ("X-Tenant", "acme"))).Status, Is.EqualTo(403));

    [Test]
    public async Task Request_authorizer_query_names_are_case_sensitive_as_in_api_gateway()
    {
        // API Gateway passes key=other here; KEY is another parameter. Merging them would let KEY's value approve.
        var answer = await GetAsync(_client, "/admin?key=other&KEY=demo-key", null, ("X-Tenant", "acme"));
        Assert.That(answer.Status, Is.EqualTo(403));
    }

    [TestCase("/admin?key=demo-key", false)]
    [TestCase("/admin", true)]
    [TestCase("/admin?key=", true)]
    public async Task Request_authorizer_without_every_source_is_401(string path, bool withTenant)
    {
        var answer = withTenant ? await GetAsync(_client, path, null, ("X-Tenant", "acme")) : await GetAsync(_client, path);
        AssertUnauthorized(answer);
    }

    [Test]
    public async Task Cognito_identity_source_can_name_another_header()
    {
        await using var factory = new SampleFactory(WriteConfig("", "\"JwksFile\": \"demo-jwks.json\"", "\"JwksFile\": \"demo-jwks.json\", \"IdentitySource\": \"method.request.header.X-Id-Token\""));
        using var client = factory.CreateClient();
        Assert.Multiple(async () =>
        {
            Assert.That((await GetAsync(client, "/profile", null, ("X-Id-Token", _idToken))).Status, Is.EqualTo(200));
            Assert.That((await GetAsync(client, "/profile", _idToken)).Status, Is.EqualTo(401));
        });
    }

    private static void AssertUnauthorized(GatewayAnswer answer) =>
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(401));
            Assert.That(answer.Message, Is.EqualTo("Unauthorized"));
        });

    /// <summary>Writes the demo settings with extra top-level ApiAuth properties, plus the demo JWKS beside them.</summary>
    internal static string WriteConfig(string extraSettings, string? find = null, string? replace = null)
    {
        var folder = Directory.CreateTempSubdirectory("apiauth-sample-").FullName;
        using var stream = typeof(DemoTokens).Assembly.GetManifestResourceStream("demo-settings.json")!;
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd().Replace("\"Region\": \"us-east-1\",", extraSettings + " \"Region\": \"us-east-1\",", StringComparison.Ordinal);
        if (find is not null)
        {
            json = json.Replace(find, replace, StringComparison.Ordinal);
        }
        File.WriteAllText(Path.Combine(folder, "settings.json"), json);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "demo-jwks.json"), Path.Combine(folder, "demo-jwks.json"));
        return Path.Combine(folder, "settings.json");
    }
}
