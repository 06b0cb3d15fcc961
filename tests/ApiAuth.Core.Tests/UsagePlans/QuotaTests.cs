using ApiAuth.Gateway;
using ApiAuth.UsagePlans;

namespace ApiAuth.Tests.UsagePlans;

/// <summary>
/// A usage plan's quota per key per UTC period. AWS, QuotaSettings (API Reference, API_QuotaSettings.html): "period: The
/// time period in which the limit applies. Valid values are "DAY", "WEEK" or "MONTH""; "offset: The number of requests
/// subtracted from the given limit in the initial time period". Days are UTC days (a quota of 1000/day is "1000 requests
/// from 12am until 11:59pm UTC"); weeks start on Sunday (the SDKs' earlier QuotaSettings doc: "with a time period of
/// WEEK, an offset of 0 starts on Sunday"). Exceeding it is 429 <c>{"message":"Limit Exceeded"}</c>, response type
/// QUOTA_EXCEEDED ("How do I troubleshoot 429 Too Many Requests or Limit Exceeded errors",
/// repost.aws/knowledge-center/api-gateway-429-limit).
/// </summary>
public sealed class QuotaTests
{
    private static async Task<List<bool>> Send(ApiGateway gateway, int count)
    {
        var results = new List<bool>();
        for (var i = 0; i < count; i++)
        {
            results.Add((await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue), UsagePlanFixture.KeyedNone)).IsAllowed);
        }
        return results;
    }

    private static UsagePlanFixture Fixture(DateTimeOffset now, QuotaPeriod period, int limit = 3, int offset = 0) =>
        new(now, new UsagePlan("gold", quota: new QuotaSettings(limit, period, offset)));

    [Test]
    public async Task An_exceeded_quota_answers_429_limit_exceeded()
    {
        var fixture = Fixture(new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), QuotaPeriod.Day);
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 3), Is.All.True);
        var exceeded = await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue), UsagePlanFixture.KeyedNone);
        Assert.Multiple(() =>
        {
            Assert.That(exceeded.StatusCode, Is.EqualTo(429));
            Assert.That(exceeded.ResponseType, Is.EqualTo("QUOTA_EXCEEDED"));
            Assert.That(exceeded.ErrorType, Is.EqualTo("LimitExceededException"));
            Assert.That(exceeded.Message, Is.EqualTo("Limit Exceeded"));
            Assert.That(exceeded.Reason, Is.EqualTo(DecisionReason.QuotaExceeded));
            Assert.That(exceeded.UsagePlan, Is.EqualTo("gold"));
        });
    }

    [Test]
    public async Task A_daily_quota_rolls_over_at_midnight_utc_not_24_hours_later()
    {
        var fixture = Fixture(new(2026, 11, 27, 23, 59, 0, TimeSpan.Zero), QuotaPeriod.Day);
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 4), Is.EqualTo(new[] { true, true, true, false }));
        fixture.Time.SetUtcNow(new(2026, 11, 27, 23, 59, 59, 999, TimeSpan.Zero));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }), "still the 27th");
        fixture.Time.SetUtcNow(new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 4), Is.EqualTo(new[] { true, true, true, false }), "a new UTC day");
    }

    [Test]
    public async Task A_day_is_a_utc_day_whatever_the_offset_of_the_clock_reading()
    {
        // 01:30 on the 28th in UTC+02:00 is still 23:30 on the 27th in UTC.
        var fixture = Fixture(new(2026, 11, 28, 1, 30, 0, TimeSpan.FromHours(2)), QuotaPeriod.Day, limit: 1);
        var gateway = fixture.Gateway();
        await Send(gateway, 1);
        fixture.Time.SetUtcNow(new(2026, 11, 27, 23, 59, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }));
        fixture.Time.SetUtcNow(new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task A_weekly_quota_rolls_over_on_sunday_at_midnight_utc()
    {
        // 2026-11-28 is a Saturday.
        var fixture = Fixture(new(2026, 11, 28, 23, 0, 0, TimeSpan.Zero), QuotaPeriod.Week, limit: 1);
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }));
        fixture.Time.SetUtcNow(new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }), "Sunday starts a new week");
        fixture.Time.SetUtcNow(new(2026, 12, 5, 23, 59, 59, TimeSpan.Zero));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }), "Saturday is the same week");
    }

    [Test]
    public async Task A_monthly_quota_rolls_over_on_the_first_at_midnight_utc()
    {
        var fixture = Fixture(new(2026, 2, 28, 23, 59, 59, TimeSpan.Zero), QuotaPeriod.Month, limit: 1);
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }));
        fixture.Time.SetUtcNow(new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }));
        fixture.Time.SetUtcNow(new(2026, 3, 31, 23, 59, 59, TimeSpan.Zero));
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }));
    }

    [Test]
    public async Task The_offset_lowers_the_limit_in_the_initial_period_only()
    {
        var fixture = Fixture(new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), QuotaPeriod.Day, limit: 3, offset: 2);
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 2), Is.EqualTo(new[] { true, false }), "3 - 2 in the day the plan started");
        fixture.Time.SetUtcNow(new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 4), Is.EqualTo(new[] { true, true, true, false }), "the full limit afterwards");
    }

    [Test]
    public async Task An_offset_equal_to_the_limit_allows_nothing_until_the_next_period()
    {
        var fixture = Fixture(new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), QuotaPeriod.Month, limit: 2, offset: 2);
        var gateway = fixture.Gateway();
        Assert.That(await Send(gateway, 1), Is.EqualTo(new[] { false }));
        fixture.Time.SetUtcNow(new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await Send(gateway, 3), Is.EqualTo(new[] { true, true, false }));
    }

    [Test]
    public void An_offset_above_the_limit_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new QuotaSettings(2, QuotaPeriod.Day, offset: 3));

    [Test]
    public async Task Concurrent_requests_never_exceed_the_quota()
    {
        var fixture = Fixture(new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), QuotaPeriod.Day, limit: 50);
        var gateway = fixture.Gateway();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
            (await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue), UsagePlanFixture.KeyedNone)).IsAllowed)));
        Assert.That(results.Count(allowed => allowed), Is.EqualTo(50));
    }
}
