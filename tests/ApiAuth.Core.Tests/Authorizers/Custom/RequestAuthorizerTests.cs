using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Custom;

public class RequestAuthorizerTests
{
    private const string Sources = "method.request.header.X-Tenant, method.request.querystring.key, stageVariables.env, context.identity.sourceIp";

    private static CustomAuthorizerRequest FullRequest(string? tenant = "acme", string? key = "demo-key", string? env = "prod", string? sourceIp = "203.0.113.7")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = "test" };
        var query = new Dictionary<string, string>();
        var stage = new Dictionary<string, string>();
        if (tenant is not null)
        {
            headers["x-tenant"] = tenant;
        }

        if (key is not null)
        {
            query["key"] = key;
        }

        if (env is not null)
        {
            stage["env"] = env;
        }

        return new CustomAuthorizerRequest
        {
            MethodArn = AuthorizerFixtures.GetPets,
            Resource = "/pets",
            Path = "/pets",
            HttpMethod = "GET",
            Headers = headers,
            MultiValueHeaders = new Dictionary<string, IList<string>> { ["Accept"] = ["a/b", "c/d"] },
            QueryStringParameters = query,
            MultiValueQueryStringParameters = new Dictionary<string, IList<string>> { ["tag"] = ["x", "y"] },
            PathParameters = new Dictionary<string, string>(),
            StageVariables = stage,
            RequestContext = new CustomAuthorizerRequestContext
            {
                AccountId = "123456789012",
                ApiId = "api123",
                Stage = "prod",
                Identity = new CustomAuthorizerRequestIdentity { SourceIp = sourceIp },
            },
        };
    }

    private static CustomAuthorizerInvoker Invoker(ICustomAuthorizer authorizer, int ttl = 300) =>
        new([new(CustomAuthorizerDefinition.Request("req", Sources, ttl), authorizer)], new CountingPolicyCompiler(), new FakeTimeProvider(TestJwt.Now));

    [Test]
    public async Task All_sources_present_invokes_with_the_whole_request()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("acme", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer);

        var outcome = await invoker.AuthorizeAsync("req", FullRequest());

        Assert.That(outcome.IsAllowed, Is.True);
        var seen = authorizer.Requests.Single();
        Assert.That(seen.Type, Is.EqualTo("REQUEST"));
        Assert.That(seen.AuthorizationToken, Is.Null);
        Assert.That(seen.MethodArn, Is.EqualTo(AuthorizerFixtures.GetPets));
        Assert.That(seen.Resource, Is.EqualTo("/pets"));
        Assert.That(seen.HttpMethod, Is.EqualTo("GET"));
        Assert.That(seen.Headers!["X-Tenant"], Is.EqualTo("acme"));
        Assert.That(seen.QueryStringParameters!["key"], Is.EqualTo("demo-key"));
        Assert.That(seen.MultiValueHeaders!["Accept"], Is.EqualTo(new[] { "a/b", "c/d" }));
        Assert.That(seen.MultiValueQueryStringParameters!["tag"], Is.EqualTo(new[] { "x", "y" }));
        Assert.That(seen.StageVariables!["env"], Is.EqualTo("prod"));
        Assert.That(seen.RequestContext!.Identity!.SourceIp, Is.EqualTo("203.0.113.7"));
    }

    private static IEnumerable<TestCaseData> MissingSources()
    {
        foreach (var blank in new[] { null, "" })
        {
            var label = blank is null ? "missing" : "empty";
            yield return new TestCaseData(FullRequest(tenant: blank)).SetName($"header {label}");
            yield return new TestCaseData(FullRequest(key: blank)).SetName($"query string {label}");
            yield return new TestCaseData(FullRequest(env: blank)).SetName($"stage variable {label}");
            yield return new TestCaseData(FullRequest(sourceIp: blank)).SetName($"context value {label}");
        }
    }

    // AWS: "For request parameter-based Lambda authorizers, 401 Unauthorized errors usually occur when the configured
    // identity sources are missing, null, empty, or not valid" — returned without calling the authorizer
    // (https://repost.aws/knowledge-center/api-gateway-401-error-lambda-authorizer).
    [TestCaseSource(nameof(MissingSources))]
    public async Task Any_missing_or_empty_source_is_401_without_invoking(CustomAuthorizerRequest request)
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("acme", "*"));
        using var invoker = Invoker(authorizer);

        var outcome = await invoker.AuthorizeAsync("req", request);

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.MissingIdentitySource));
        Assert.That(authorizer.Invocations, Is.Zero);
    }

    [Test]
    public async Task Header_source_is_found_whatever_the_dictionary_comparer()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("acme", "*"));
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Request("req", "method.request.header.X-Tenant"), authorizer)], new CountingPolicyCompiler(), TimeProvider.System);

        var outcome = await invoker.AuthorizeAsync("req", new CustomAuthorizerRequest
        {
            MethodArn = AuthorizerFixtures.GetPets,
            Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["x-TENANT"] = "acme" },
        });

        Assert.That(outcome.IsAllowed, Is.True);
    }

    [Test]
    public async Task Request_authorizer_without_sources_and_without_cache_is_always_invoked()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("anyone", "*"));
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Request("req", "", 0), authorizer)], new CountingPolicyCompiler(), TimeProvider.System);

        await invoker.AuthorizeAsync("req", new CustomAuthorizerRequest { MethodArn = AuthorizerFixtures.GetPets });
        await invoker.AuthorizeAsync("req", new CustomAuthorizerRequest { MethodArn = AuthorizerFixtures.GetPets });

        Assert.That(authorizer.Invocations, Is.EqualTo(2));
    }
}
