using System.Net;
using System.Text;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.AspNetCore.Tests.Redis;

/// <summary>
/// Two instances of one app share a real Redis: usage plan counters change atomically in one Lua script per decision,
/// so N instances allow what one would. When Redis is down, authentication and authorization go on; counting falls back
/// to the process (LocalFallback) or the request gets 503 (Deny).
/// </summary>
[NonParallelizable]
public sealed class SharedUsagePlanTests
{
    private const string Key = "shared-key-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public void StartRedis() => _redis = RedisServer.Start();

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    [SetUp]
    public void EmptyRedis() => _redis.Restart();

    private sealed class Instance(WebApplication app) : IAsyncDisposable
    {
        public async Task<HttpStatusCode> GetAsync(string? key = Key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/keyed");
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }
            using var response = await app.GetTestClient().SendAsync(request);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<Instance> StartAsync(string plan, string onFailure = "LocalFallback", TimeProvider? time = null)
    {
        var json = $$"""
            { "ApiAuth": { "ApiId": "testapi", "Redis": "{{_redis.ConnectionString}}", "OnRedisFailure": "{{onFailure}}",
              "ApiKeys": [ { "Id": "shared", "Value": "{{Key}}", "UsagePlans": [ "plan" ] } ],
              "UsagePlans": { "plan": {{plan}} } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(time ?? new FakeTimeProvider(Now));
        builder.Services.AddApiAuth(configuration.GetSection("ApiAuth"));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/keyed", () => "ok").RequireApiAuthorization(AuthorizationType.None, apiKeyRequired: true);
        await app.StartAsync();
        return new Instance(app);
    }

    [Test]
    public async Task A_quota_of_5_allows_exactly_5_requests_across_two_instances()
    {
        await using var one = await StartAsync("""{ "Quota": { "Limit": 5, "Period": "DAY" } }""");
        await using var two = await StartAsync("""{ "Quota": { "Limit": 5, "Period": "DAY" } }""");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add(await (i % 2 == 0 ? one : two).GetAsync());
        }
        Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests)));
    }

    [Test]
    public async Task Two_hundred_concurrent_requests_against_a_quota_of_50_allow_exactly_50()
    {
        await using var one = await StartAsync("""{ "Quota": { "Limit": 50, "Period": "MONTH" } }""");
        await using var two = await StartAsync("""{ "Quota": { "Limit": 50, "Period": "MONTH" } }""");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? one : two).GetAsync())));
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.EqualTo(50));
            Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(150));
        });
    }

    [Test]
    public async Task The_throttle_bucket_is_shared_too()
    {
        await using var one = await StartAsync("""{ "Throttle": { "RateLimit": 1, "BurstLimit": 2 } }""");
        await using var two = await StartAsync("""{ "Throttle": { "RateLimit": 1, "BurstLimit": 2 } }""");
        Assert.That(new[] { await one.GetAsync(), await two.GetAsync(), await one.GetAsync() },
            Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task With_redis_stopped_counting_falls_back_to_the_process_and_keys_are_still_checked()
    {
        await using var one = await StartAsync("""{ "Quota": { "Limit": 2, "Period": "DAY" } }""");
        Assert.That(await one.GetAsync(), Is.EqualTo(HttpStatusCode.OK));
        _redis.Stop();
        Assert.Multiple(async () =>
        {
            Assert.That(await one.GetAsync(null), Is.EqualTo(HttpStatusCode.Forbidden), "a missing key is refused without Redis");
            Assert.That(await one.GetAsync("wrong-key-0123456789abcdef"), Is.EqualTo(HttpStatusCode.Forbidden));
            // The process's own count: 2 of its own, then 429.
            Assert.That(new[] { await one.GetAsync(), await one.GetAsync(), await one.GetAsync() },
                Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        });
    }

    [Test]
    public async Task With_redis_stopped_and_deny_configured_a_keyed_request_gets_503()
    {
        await using var one = await StartAsync("""{ "Quota": { "Limit": 2, "Period": "DAY" } }""", "Deny");
        Assert.That(await one.GetAsync(), Is.EqualTo(HttpStatusCode.OK));
        _redis.Stop();
        Assert.Multiple(async () =>
        {
            Assert.That(await one.GetAsync(), Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await one.GetAsync(null), Is.EqualTo(HttpStatusCode.Forbidden), "a missing key is still 403, not 503");
        });
    }

    [Test]
    public async Task A_redis_down_at_start_up_does_not_stop_the_app()
    {
        _redis.Stop();
        await using var one = await StartAsync("""{ "Quota": { "Limit": 1, "Period": "DAY" } }""");
        Assert.That(new[] { await one.GetAsync(), await one.GetAsync() }, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }), "counted locally");
    }

    [Test]
    public void A_misspelled_redis_setting_stops_the_app()
    {
        var json = """{ "ApiAuth": { "ApiId": "testapi", "OnRedisFailur": "Deny" } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddApiAuth(configuration.GetSection("ApiAuth"));
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = builder.Build();
            await app.StartAsync();
        })!;
        Assert.That(exception.Failures, Is.EqualTo(new[] { "ApiAuth:OnRedisFailur is not a setting; did you mean ApiAuth:OnRedisFailure?" }));
    }
}
