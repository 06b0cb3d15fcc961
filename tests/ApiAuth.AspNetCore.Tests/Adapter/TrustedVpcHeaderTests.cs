using ApiAuth.AspNetCore.Tests.Sample;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// The VPC endpoint and VPC headers from a trusted proxy: one readable id counts; present but unreadable, empty or
/// ambiguous (repeated, a list) refuses the request rather than guess which value a policy should see.
/// </summary>
public sealed class TrustedVpcHeaderTests
{
    private const string Proxy = "10.0.0.5";

    [Test]
    public async Task One_readable_id_in_each_header_from_the_trusted_proxy_counts()
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("X-Amzn-Vpce-Id", " vpce-1a2b3c4d "), ("X-Amzn-Vpc-Id", "vpc-0a1b2c3d"));
        Assert.That(answer.Status, Is.EqualTo(200));
    }

    [TestCase("X-Amzn-Vpce-Id")]
    [TestCase("X-Amzn-Vpc-Id")]
    public async Task An_absent_header_means_no_vpc_and_the_policy_decides(string header)
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), (Other(header), Id(Other(header))));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Does.StartWith("User: anonymous is not authorized"), "evaluated, and denied by the policy");
        });
    }

    [TestCase("X-Amzn-Vpce-Id", "vpce-1a2b3c4d, vpce-evil")]
    [TestCase("X-Amzn-Vpce-Id", "vpce-1a2b3c4d,vpce-1a2b3c4d")]
    [TestCase("X-Amzn-Vpce-Id", "vpce 1a2b3c4d")]
    [TestCase("X-Amzn-Vpce-Id", "vpce-1a2b3c4d;x")]
    [TestCase("X-Amzn-Vpce-Id", " , ")]
    [TestCase("X-Amzn-Vpc-Id", "vpc-0a1b2c3d, vpc-evil")]
    [TestCase("X-Amzn-Vpc-Id", "vpc-0a1b2c3d\"")]
    public async Task An_unreadable_header_from_the_trusted_proxy_is_refused(string header, string value)
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), (header, value), (Other(header), Id(Other(header))));
        ForwardedForTests.AssertRefused(answer);
    }

    [TestCase("X-Amzn-Vpce-Id")]
    [TestCase("X-Amzn-Vpc-Id")]
    public async Task A_repeated_header_from_the_trusted_proxy_is_refused(string header)
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/minimal/open");
        request.Headers.TryAddWithoutValidation("X-Test-Peer", Proxy);
        request.Headers.TryAddWithoutValidation(header, [Id(header), "vpc-evil"]);
        request.Headers.TryAddWithoutValidation(Other(header), Id(Other(header)));
        using var response = await app.Client().SendAsync(request);
        ForwardedForTests.AssertRefused(await GatewayAnswer.ReadAsync(response));
    }

    [TestCase("X-Amzn-Vpce-Id")]
    [TestCase("X-Amzn-Vpc-Id")]
    public async Task An_empty_header_from_the_trusted_proxy_is_refused(string header)
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("X-Test-Empty-Header", header), (Other(header), Id(Other(header))));
        ForwardedForTests.AssertRefused(answer);
    }

    [Test]
    public async Task An_untrusted_peers_unreadable_header_is_ignored_not_refused()
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "198.51.100.9"), ("X-Amzn-Vpce-Id", "vpce-1a2b3c4d, vpce-evil"));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Does.StartWith("User: anonymous is not authorized"), "the header counts for nothing: the policy sees no VPC");
        });
    }

    private static string Other(string header) => header == "X-Amzn-Vpce-Id" ? "X-Amzn-Vpc-Id" : "X-Amzn-Vpce-Id";

    private static string Id(string header) => header == "X-Amzn-Vpce-Id" ? "vpce-1a2b3c4d" : "vpc-0a1b2c3d";

    // Both conditions must hold, so each header's reading is seen on its own.
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(o =>
    {
        o.ResourcePolicy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*",
              "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d","aws:SourceVpc":"vpc-0a1b2c3d"}}}]}
            """;
        o.SourceVpceHeader = "X-Amzn-Vpce-Id";
        o.SourceVpcHeader = "X-Amzn-Vpc-Id";
        o.TrustedProxies.Add(Proxy);
    });
}
