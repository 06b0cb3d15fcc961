using System.Net;
using System.Text;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Gateway;
using ApiAuth.UsagePlans;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// API keys and usage plans end to end: configured in the <c>ApiAuth</c> section, required per route in
/// <c>Routes</c> or in code, answered with API Gateway's exact bodies and headers (403 <c>{"message":"Forbidden"}</c>
/// <c>ForbiddenException</c>, 429 <c>{"message":"Too Many Requests"}</c> <c>TooManyRequestsException</c>, 429
/// <c>{"message":"Limit Exceeded"}</c> <c>LimitExceededException</c>; AWS "Choose an API key source in API Gateway" and
/// the knowledge-center article "How do I troubleshoot 429 Too Many Requests or Limit Exceeded errors").
/// </summary>
public sealed class ApiKeyAdapterTests
{
    private const string GoldKey = "gold-key-0123456789abcdef";
    private const string TrialKey = "trial-key-0123456789abcdef";
    private const string StoreKey = "store-key-0123456789abcdef";

    private const string Settings = """
        "ApiId": "testapi",
        "ApiKeys": [ { "Id": "gold", "Value": "gold-key-0123456789abcdef", "UsagePlans": [ "gold" ] },
                     { "Id": "trial", "Value": "trial-key-0123456789abcdef", "Enabled": false, "UsagePlans": [ "gold" ] } ],
        "UsagePlans": { "gold": { "Throttle": { "RateLimit": 1, "BurstLimit": 2 },
                                  "Quota": { "Limit": 3, "Period": "DAY", "Offset": 0 },
                                  "MethodThrottle": { "POST /items/{id}": { "RateLimit": 0.5, "BurstLimit": 5 } } },
                        "store": {} },
        "Routes": { "GET /configured": { "AuthorizationType": "NONE", "ApiKeyRequired": true } },
        "Authorizers": { "keys": { "Type": "TOKEN", "IdentitySource": "method.request.header.Authorization" } }
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private sealed class App(WebApplication app, FakeTimeProvider time) : IAsyncDisposable
    {
        public FakeTimeProvider Time { get; } = time;

        public Task<HttpResponseMessage> SendAsync(string method, string path, string? apiKey = null, string? token = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (apiKey is not null)
            {
                request.Headers.Add("x-api-key", apiKey);
            }
            if (token is not null)
            {
                request.Headers.Add("Authorization", token);
            }
            return app.GetTestClient().SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<App> StartAsync(string settings = Settings, IApiKeyStore? store = null, bool authorizer = true)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "ApiAuth": { {{settings}} } }"""))).Build();
        var time = new FakeTimeProvider(Now);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        if (store is not null)
        {
            builder.Services.AddSingleton(store);
        }
        var apiAuth = builder.Services.AddApiAuth(configuration.GetSection("ApiAuth"));
        if (authorizer)
        {
            apiAuth.AddCustomAuthorizer<KeyAuthorizer>("keys");
        }
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        static object Seen(HttpContext context) => new { apiKeyId = context.GetApiAuthDecision()?.ApiKeyId, usagePlan = context.GetApiAuthDecision()?.UsagePlan };
        app.MapGet("/configured", Seen);
        app.MapGet("/coded", Seen).RequireApiAuthorization(AuthorizationType.None, apiKeyRequired: true);
        app.MapPost("/items/{itemId:int}", Seen).RequireApiAuthorization(AuthorizationType.None, apiKeyRequired: true);
        app.MapGet("/keyless", Seen).RequireApiAuthorization(AuthorizationType.None);
        app.MapGet("/custom", Seen).RequireApiAuthorization(AuthorizationType.Custom, apiKeyRequired: true, authorizer: "keys");
        await app.StartAsync();
        return new App(app, time);
    }

    private static async Task AssertAnswer(HttpResponseMessage response, HttpStatusCode status, string errorType, string body)
    {
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Headers.GetValues("x-amzn-ErrorType"), Is.EqualTo(new[] { errorType }));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(body));
        });
    }

    [TestCase(null)]
    [TestCase("no-such-key-0123456789abcdef")]
    [TestCase(TrialKey)]
    public async Task A_missing_unknown_or_disabled_key_gets_403_forbidden(string? key)
    {
        await using var app = await StartAsync();
        await AssertAnswer(await app.SendAsync("GET", "/configured", key), HttpStatusCode.Forbidden, "ForbiddenException", """{"message":"Forbidden"}""");
    }

    [Test]
    public async Task A_valid_key_reaches_the_endpoint_which_sees_the_key_id_and_plan()
    {
        await using var app = await StartAsync();
        using var response = await app.SendAsync("GET", "/configured", GoldKey);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"apiKeyId":"gold","usagePlan":"gold"}"""));
        });
    }

    [Test]
    public async Task A_key_is_required_from_code_too_and_not_where_no_one_asks_for_it()
    {
        await using var app = await StartAsync();
        Assert.Multiple(async () =>
        {
            Assert.That((await app.SendAsync("GET", "/coded")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await app.SendAsync("GET", "/coded", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await app.SendAsync("GET", "/keyless")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task The_burst_then_the_throttle_answers_429_too_many_requests()
    {
        await using var app = await StartAsync();
        Assert.That((await app.SendAsync("GET", "/configured", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await app.SendAsync("GET", "/configured", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertAnswer(await app.SendAsync("GET", "/configured", GoldKey), HttpStatusCode.TooManyRequests, "TooManyRequestsException", """{"message":"Too Many Requests"}""");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await app.SendAsync("GET", "/configured", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "one token a second");
    }

    [Test]
    public async Task The_quota_answers_429_limit_exceeded_until_the_next_utc_day()
    {
        await using var app = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await app.SendAsync("GET", "/configured", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            app.Time.Advance(TimeSpan.FromSeconds(10));
        }
        await AssertAnswer(await app.SendAsync("GET", "/configured", GoldKey), HttpStatusCode.TooManyRequests, "LimitExceededException", """{"message":"Limit Exceeded"}""");
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.That((await app.SendAsync("GET", "/configured", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_method_throttle_matches_the_route_template_of_its_resource_path()
    {
        await using var app = await StartAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await app.SendAsync("POST", "/items/" + i, GoldKey)).StatusCode);
        }
        // The method's burst of 5 applies, not the plan's 2; the quota of 3 stops the fourth.
        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task Keys_from_an_app_store_are_enforced_like_configured_ones()
    {
        await using var app = await StartAsync(store: new StaticStore(new ApiKey("from-db", StoreKey, true, ["store"])));
        using var response = await app.SendAsync("GET", "/configured", StoreKey);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"apiKeyId":"from-db","usagePlan":"store"}"""));
            Assert.That((await app.SendAsync("GET", "/configured", GoldKey)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "configured keys still work");
        });
    }

    [Test]
    public async Task With_the_authorizer_source_the_key_is_the_authorizers_usage_identifier_key()
    {
        await using var app = await StartAsync(Settings + """, "ApiKeySource": "AUTHORIZER" """);
        Assert.Multiple(async () =>
        {
            Assert.That((await app.SendAsync("GET", "/custom", token: "gold")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await AssertAnswer(await app.SendAsync("GET", "/custom", GoldKey, token: "none"), HttpStatusCode.Forbidden, "ForbiddenException", """{"message":"Forbidden"}""");
        });
    }

    [Test]
    public void Misspelled_keys_in_api_keys_and_usage_plans_stop_the_app()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await StartAsync("""
            "ApiKeySorce": "HEADER",
            "ApiKeys": [ { "Id": "k", "Valeu": "k-0123456789abcdefghij", "UsagePlans": [ "p" ] } ],
            "UsagePlans": { "p": { "Throttle": { "RateLimit": "fast", "Burst": 1 }, "Quota": { "Limit": 1, "Periode": "DAY" } } }
            """, authorizer: false))!;
        Assert.That(exception.Failures, Is.EquivalentTo(new[]
        {
            "ApiAuth:ApiKeySorce is not a setting; did you mean ApiAuth:ApiKeySource?",
            "ApiAuth:ApiKeys:0:Valeu is not a setting; did you mean ApiAuth:ApiKeys:0:Value?",
            "ApiAuth:UsagePlans:p:Throttle:RateLimit must be a number, got 'fast'.",
            "ApiAuth:UsagePlans:p:Throttle:Burst is not a setting; did you mean ApiAuth:UsagePlans:p:Throttle:BurstLimit?",
            "ApiAuth:UsagePlans:p:Quota:Periode is not a setting; did you mean ApiAuth:UsagePlans:p:Quota:Period?",
        }));
    }

    [Test]
    public void Inconsistent_keys_and_plans_stop_the_app_without_quoting_a_key_value()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await StartAsync("""
            "ApiKeySource": "QUERY",
            "ApiKeys": [ { "Id": "a", "Value": "short", "UsagePlans": [ "nope" ] },
                         { "Id": "a", "Value": "long-enough-0123456789", "UsagePlans": [ "p", "q" ] } ],
            "UsagePlans": { "p": { "Quota": { "Limit": 1, "Period": "YEAR" } }, "q": { "Quota": { "Limit": 1, "Period": "DAY", "Offset": 2 } } }
            """, authorizer: false))!;
        Assert.Multiple(() =>
        {
            Assert.That(exception.Failures, Is.EquivalentTo(new[]
            {
                "ApiAuth:ApiKeySource must be HEADER or AUTHORIZER, got 'QUERY'.",
                "ApiAuth:UsagePlans:p:Quota:Period must be DAY, WEEK or MONTH, got 'YEAR'.",
                "ApiAuth:UsagePlans:q:Quota: Limit must be 0 or more and Offset from 0 to Limit.",
                "ApiAuth:ApiKeys:0:Value must be at least 20 characters, as API Gateway requires.",
                "ApiAuth:ApiKeys:0:UsagePlans names 'nope', which is not an entry of ApiAuth:UsagePlans.",
                "ApiAuth:ApiKeys:1:Id 'a' is also the id of ApiAuth:ApiKeys:0.",
                "ApiAuth:ApiKeys:1:UsagePlans names p and q: a key belongs to one usage plan of an API, as in API Gateway.",
            }));
            Assert.That(exception.Message, Does.Not.Contain("short").And.Not.Contain("long-enough"));
        });
    }

    private sealed class StaticStore(ApiKey key) : IApiKeyStore
    {
        public ValueTask<ApiKey?> FindAsync(string value, CancellationToken cancellationToken) =>
            ValueTask.FromResult(value == key.Value ? key : null);
    }

    // Allows every token; the token "gold" also returns the gold key as its usageIdentifierKey.
    private sealed class KeyAuthorizer : ICustomAuthorizer
    {
        public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) => Task.FromResult(new CustomAuthorizerResponse
        {
            PrincipalID = "caller",
            PolicyDocument = new AuthorizerPolicyDocument
            {
                Statement = [new AuthorizerPolicyStatement { Effect = "Allow", Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { "*" } }],
            },
            UsageIdentifierKey = request.AuthorizationToken == "gold" ? GoldKey : null,
        });
    }
}
