using ApiAuth.Gateway;
using ApiAuth.UsagePlans;

namespace ApiAuth.Tests.UsagePlans;

/// <summary>
/// A usage plan's throttle is a token bucket per key: the burst at once, then the rate. AWS, "Throttle requests to your
/// REST APIs for better throughput in API Gateway" (api-gateway-request-throttling.html) names the token bucket
/// algorithm; "How do I troubleshoot 429 Too Many Requests or Limit Exceeded errors"
/// (repost.aws/knowledge-center/api-gateway-429-limit): exceeding it returns "429 Too Many Requests". The body is
/// <c>{"message":"Too Many Requests"}</c>, response type THROTTLED (429).
/// </summary>
public sealed class ThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static async Task<List<bool>> Send(ApiGateway gateway, int count, string method = "GET", string path = "/pets")
    {
        var results = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            results.Add((await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue, method, path), UsagePlanFixture.KeyedNone)).IsAllowed);
        }
        return results;
    }

    [Test]
    public async Task The_burst_is_allowed_at_once_and_the_next_request_is_throttled_with_aws_answer()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold", new ThrottleSettings(rateLimit: 2, burstLimit: 5)));
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 5), Is.All.True);
        var throttled = await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue), UsagePlanFixture.KeyedNone);
        Assert.Multiple(() =>
        {
            Assert.That(throttled.StatusCode, Is.EqualTo(429));
            Assert.That(throttled.ResponseType, Is.EqualTo("THROTTLED"));
            Assert.That(throttled.ErrorType, Is.EqualTo("TooManyRequestsException"));
            Assert.That(throttled.Message, Is.EqualTo("Too Many Requests"));
            Assert.That(throttled.Reason, Is.EqualTo(DecisionReason.Throttled));
            Assert.That(throttled.ApiKeyId, Is.EqualTo("gold"));
        });
    }

    [Test]
    public async Task After_the_burst_requests_are_allowed_at_the_rate()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold", new ThrottleSettings(rateLimit: 2, burstLimit: 5)));
        var gateway = fixture.Gateway();
        await Send(gateway, 6);

        fixture.Time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }), "2 per second: not a whole token after 499 ms");
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }), "one token after 500 ms");
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await Send(gateway, 3), Is.EqualTo(new[] { true, true, false }), "two tokens a second");
    }

    [Test]
    public async Task An_idle_bucket_refills_only_up_to_the_burst()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold", new ThrottleSettings(rateLimit: 100, burstLimit: 3)));
        var gateway = fixture.Gateway();
        await Send(gateway, 3);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.That(await Send(gateway, 4), Is.EqualTo(new[] { true, true, true, false }));
    }

    [Test]
    public async Task Each_key_has_its_own_bucket()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold", new ThrottleSettings(1, 1)), new UsagePlan("basic", new ThrottleSettings(1, 1)));
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }));
        var other = await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.BasicValue), UsagePlanFixture.KeyedNone);
        Assert.That(other.IsAllowed, Is.True);
    }

    [Test]
    public async Task A_method_throttle_replaces_the_plans_for_that_method_only()
    {
        var plan = new UsagePlan("gold", new ThrottleSettings(1, 1), methodThrottles: [new MethodThrottle("POST", "/pets", new ThrottleSettings(1, 3))]);
        var fixture = new UsagePlanFixture(Now, plan);
        var gateway = fixture.Gateway();
        Assert.Multiple(async () =>
        {
            Assert.That(await Send(gateway, 4, "POST"), Is.EqualTo(new[] { true, true, true, false }), "POST /pets has a burst of 3");
            Assert.That(await Send(gateway, 2, "GET"), Is.EqualTo(new[] { true, false }), "GET /pets keeps the plan's burst of 1");
        });
    }

    [Test]
    public async Task A_throttled_request_does_not_count_against_the_quota()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold", new ThrottleSettings(1, 1), new QuotaSettings(2, QuotaPeriod.Day)));
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 5), Is.EqualTo(new[] { true, false, false, false, false }));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { true }), "the second of the quota's two");
    }

    [Test]
    public async Task A_clock_that_steps_back_mints_no_tokens()
    {
        // FakeTimeProvider only moves forward; a system clock can be stepped back.
        var clock = new SteppingClock(Now);
        var gateway = new ApiGateway(UsagePlanFixture.Api, "prod", null, null, null, clock)
        {
            UsagePlanEnforcer = new UsagePlanEnforcer([new UsagePlan("gold", new ThrottleSettings(1, 1))], new UsagePlanFixture(Now).Keys, timeProvider: clock),
        };
        await Send(gateway, 1);
        clock.Now = Now - TimeSpan.FromHours(1);
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }));
        clock.Now = Now + TimeSpan.FromSeconds(1);
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { true }), "a second after the last request");
    }

    private sealed class SteppingClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
