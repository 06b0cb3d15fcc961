using ApiAuth.Sample;
using ApiAuth.SigV4.Signing;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>1,000 concurrent mixed requests: each gets exactly the answer it would get alone, and nothing throws.</summary>
public sealed class ConcurrentRequestsTests
{
    [Test]
    public async Task Thousand_concurrent_mixed_requests_are_each_decided_correctly()
    {
        await using var factory = new SampleFactory();
        using var plain = factory.CreateClient();
        using var signed = factory.CreateSignedClient();
        using var wrongSecret = factory.CreateSignedClient("wrong-secret");
        var (idToken, accessToken) = DemoTokens.Mint(TimeProvider.System);

        var kinds = new (string Name, int Expected, Func<Task<int>> Send)[]
        {
            ("signed GET", 200, async () => (int)(await signed.GetAsync("/pets/1")).StatusCode),
            ("signed POST", 200, async () => (int)(await signed.PostAsync("/pets", new StringContent("{\"name\":\"Rex\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode),
            ("wrong secret", 403, async () => (int)(await wrongSecret.GetAsync("/pets")).StatusCode),
            ("unsigned", 403, async () => (await SampleFactory.GetAsync(plain, "/pets")).Status),
            ("id token", 200, async () => (await SampleFactory.GetAsync(plain, "/profile", idToken)).Status),
            ("access token on /profile", 401, async () => (await SampleFactory.GetAsync(plain, "/profile", accessToken)).Status),
            ("token allow", 200, async () => (await SampleFactory.GetAsync(plain, "/reports", "allow")).Status),
            ("token deny", 403, async () => (await SampleFactory.GetAsync(plain, "/reports", "deny")).Status),
            ("no token", 401, async () => (await SampleFactory.GetAsync(plain, "/reports")).Status),
            ("request allow", 200, async () => (await SampleFactory.GetAsync(plain, "/admin?key=demo-key", null, ("X-Tenant", "acme"))).Status),
            ("request missing source", 401, async () => (await SampleFactory.GetAsync(plain, "/admin?key=demo-key")).Status),
            ("open", 200, async () => (await SampleFactory.GetAsync(plain, "/health")).Status),
        };

        var random = new Random(20261127);
        var planned = Enumerable.Range(0, 1000).Select(_ => kinds[random.Next(kinds.Length)]).ToList();
        var results = await Task.WhenAll(planned.Select(async kind => (kind.Name, kind.Expected, Actual: await kind.Send())));

        var wrong = results.Where(r => r.Actual != r.Expected).Select(r => $"{r.Name}: expected {r.Expected}, got {r.Actual}").ToList();
        Assert.That(wrong, Is.Empty);
        Assert.That(results.Select(r => r.Name).Distinct().Count(), Is.EqualTo(kinds.Length), "every kind of request was in the mix");
    }
}
