using ApiAuth.AspNetCore.Tests.Sample;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// <c>aws:SourceIp</c> behind a trusted proxy (127.0.0.1, as a reverse proxy on the same host): forwarded-for hops
/// are read in every form proxies write, and a header that does not give a readable client address refuses the
/// request instead of evaluating the resource policy without a source address (issue 15: with the address unset,
/// an IpAddress Deny never applies).
/// </summary>
public sealed class ForwardedForTests
{
    private const string Proxy = "127.0.0.1";

    // Deny the documentation networks' "bad" halves; allow only the "good" ones, so a request is allowed only when the
    // address was read (an unset address matches no Allow) and denied explicitly when it was read as a blocked one.
    private const string Policy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*",
           "Condition":{"IpAddress":{"aws:SourceIp":["198.51.100.0/24","2001:db8:1::/48","127.0.0.1/32"]}}},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*",
           "Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8:bad::/48"]}}}]}
        """;

    private const string ExplicitDeny = $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {TestApp.ApiArn}/GET/minimal/open with an explicit deny";

    [TestCase("192.0.2.7", TestName = "A blocked address is denied")]
    [TestCase("192.0.2.7:4711", TestName = "A blocked address with a port is denied")]
    [TestCase("[2001:db8:bad::1]:80", TestName = "A blocked IPv6 address in brackets with a port is denied")]
    [TestCase("[2001:db8:bad::1]", TestName = "A blocked IPv6 address in brackets is denied")]
    [TestCase("2001:db8:bad::1", TestName = "A blocked bare IPv6 address is denied")]
    [TestCase("2001:db8:bad::1:80", TestName = "A bare IPv6 address is read whole, never as an address and a port")]
    [TestCase("::ffff:192.0.2.7", TestName = "A blocked IPv4 address written as IPv4-mapped IPv6 is denied")]
    [TestCase("192.0.2.7, 127.0.0.1", TestName = "A chain whose rightmost hop is a trusted proxy is read past it to the blocked client")]
    [TestCase("192.0.2.7:4711, 127.0.0.1:8080", TestName = "A chain of hops with ports is read past the trusted proxy to the blocked client")]
    [TestCase("198.51.100.7, 192.0.2.7", TestName = "A clean hop left of the blocked client does not help")]
    public async Task Blocked_client_behind_the_trusted_proxy_is_denied(string forwardedFor)
    {
        var answer = await SendAsync(forwardedFor);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Is.EqualTo(ExplicitDeny), "the address was read and the Deny applied");
        });
    }

    [TestCase("198.51.100.7", TestName = "A clean address keeps its address")]
    [TestCase("198.51.100.7:4711", TestName = "A clean address with a port keeps its address")]
    [TestCase("[2001:db8:1::1]:80", TestName = "A clean IPv6 address in brackets with a port keeps its address")]
    [TestCase("[2001:db8:1::1]", TestName = "A clean IPv6 address in brackets keeps its address")]
    [TestCase("2001:db8:1::1", TestName = "A clean bare IPv6 address keeps its address")]
    [TestCase("198.51.100.7, 127.0.0.1", TestName = "A chain whose rightmost hop is a trusted proxy keeps the client's address")]
    [TestCase(" 198.51.100.7 ,127.0.0.1 ", TestName = "Spaces around hops are ignored")]
    [TestCase("198.51.100.7,,127.0.0.1", TestName = "Empty list elements are ignored as HTTP lists allow")]
    [TestCase("garbage, 198.51.100.7", TestName = "Hops left of the client are not read")]
    public async Task Clean_client_behind_the_trusted_proxy_keeps_its_address(string forwardedFor) =>
        Assert.That((await SendAsync(forwardedFor)).Status, Is.EqualTo(200), "allowed only when aws:SourceIp is the client's address");

    [TestCase("garbage", TestName = "A garbage hop refuses the request")]
    [TestCase("192.0.2.7, garbage", TestName = "A chain ending in garbage refuses the request")]
    [TestCase("198.51.100.7, garbage", TestName = "A clean chain ending in garbage refuses the request")]
    [TestCase("192.0.2.7, garbage, 127.0.0.1", TestName = "Garbage hidden behind a trusted hop refuses the request")]
    [TestCase("unknown", TestName = "The RFC 7239 unknown token refuses the request")]
    [TestCase(" , ", TestName = "A forwarded-for header of empty elements refuses the request")]
    [TestCase("192.0.2.7:", TestName = "A hop with an empty port refuses the request")]
    [TestCase("192.0.2.7:65536", TestName = "A hop with a port out of range refuses the request")]
    [TestCase("192.0.2.7:80:80", TestName = "A hop with two ports refuses the request")]
    [TestCase("192.0.2.7:-1", TestName = "A hop with a negative port refuses the request")]
    [TestCase("[192.0.2.7]:80", TestName = "An IPv4 hop in brackets refuses the request")]
    [TestCase("[2001:db8:bad::1", TestName = "An unclosed bracket refuses the request")]
    [TestCase("[2001:db8:bad::1]80", TestName = "A bracketed hop followed by anything but a port refuses the request")]
    [TestCase("1", TestName = "A bare number that IPAddress would read as 0.0.0.1 refuses the request")]
    [TestCase("0xc0.0.2.7", TestName = "A hexadecimal IPv4 form refuses the request")]
    [TestCase("192.0.2.007", TestName = "An octet with leading zeros refuses the request")]
    [TestCase("192.0.2", TestName = "A three-part IPv4 address refuses the request")]
    [TestCase("fe80::1%eth0", TestName = "An IPv6 address with a scope id refuses the request")]
    [TestCase("192.0.2.7\u0000", TestName = "A hop with a control character refuses the request")]
    public async Task Unreadable_forwarded_for_from_the_trusted_proxy_is_refused(string forwardedFor)
    {
        var answer = await SendAsync(forwardedFor);
        AssertRefused(answer);
    }

    [Test]
    public async Task An_empty_forwarded_for_header_from_the_trusted_proxy_is_refused()
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("X-Test-Empty-Header", "X-Forwarded-For"));
        AssertRefused(answer);
    }

    [Test]
    public async Task Very_long_forwarded_for_chain_of_trusted_hops_is_read_to_its_client()
    {
        // The chain is read from the right without splitting it whole; thousands of hops cost a linear scan.
        var chain = "192.0.2.7, " + string.Join(", ", Enumerable.Repeat(Proxy, 2000));
        var answer = await SendAsync(chain);
        Assert.That(answer.Message, Is.EqualTo(ExplicitDeny));
    }

    [Test]
    public async Task Without_a_forwarded_for_header_the_trusted_proxy_is_the_client()
    {
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy));
        Assert.That(answer.Status, Is.EqualTo(200));
    }

    [TestCase("garbage")]
    [TestCase("192.0.2.7, garbage")]
    public async Task Unreadable_forwarded_for_from_an_untrusted_peer_is_ignored(string forwardedFor)
    {
        // Only a trusted proxy's header is read; anyone else's is the client's own claim and counts for nothing.
        await using var app = await StartAsync();
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "198.51.100.9"), ("X-Forwarded-For", forwardedFor));
        Assert.That(answer.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Unreadable_forwarded_for_is_refused_for_every_auth_type_before_any_authentication()
    {
        await using var app = await StartAsync();
        using var signed = app.SignedClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/minimal/iam");
        request.Headers.TryAddWithoutValidation("X-Test-Peer", Proxy);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "192.0.2.7:4711, garbage");
        using var response = await signed.SendAsync(request);
        AssertRefused(await GatewayAnswer.ReadAsync(response));
    }

    [TestCase("for=192.0.2.7", 403)]
    [TestCase("for=\"192.0.2.7:4711\"", 403)]
    [TestCase("for=\"[2001:db8:bad::1]:80\";proto=https", 403)]
    [TestCase("for=192.0.2.7;proto=http, for=127.0.0.1", 403)]
    [TestCase("for=198.51.100.7", 200)]
    [TestCase("For=198.51.100.7;proto=https;by=127.0.0.1", 200)]
    [TestCase("for=\"[2001:db8:1::1]\", for=127.0.0.1:8080", 200)]
    public async Task Rfc7239_forwarded_header_is_read_when_configured(string forwarded, int status)
    {
        await using var app = await StartAsync(o => o.ForwardedForHeader = "Forwarded");
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("Forwarded", forwarded));
        Assert.That(answer.Status, Is.EqualTo(status));
    }

    [TestCase("for=unknown", TestName = "An unknown Forwarded node refuses the request")]
    [TestCase("for=_hidden", TestName = "An obfuscated Forwarded node refuses the request")]
    [TestCase("proto=https;by=127.0.0.1", TestName = "A Forwarded element without for refuses the request")]
    [TestCase("for=198.51.100.7;for=192.0.2.7", TestName = "A Forwarded element with two for parameters refuses the request")]
    [TestCase("for=\"198.51.100.7", TestName = "A Forwarded node with an unbalanced quote refuses the request")]
    [TestCase("for=\"198.51.\\100.7\"", TestName = "A Forwarded node with an escape refuses the request")]
    [TestCase("for=", TestName = "An empty Forwarded node refuses the request")]
    [TestCase("192.0.2.7", TestName = "A plain list where Forwarded is configured refuses the request")]
    [TestCase("for=198.51.100.7, for=garbage", TestName = "A Forwarded chain ending in garbage refuses the request")]
    public async Task Unreadable_rfc7239_forwarded_header_is_refused(string forwarded)
    {
        await using var app = await StartAsync(o => o.ForwardedForHeader = "Forwarded");
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("Forwarded", forwarded));
        AssertRefused(answer);
    }

    [Test]
    public async Task A_refusal_is_logged_as_a_warning_naming_the_proxy_but_not_the_header()
    {
        var logs = new ListLoggerProvider();
        await using (var app = await TestApp.StartAsync(o => o.TrustedProxies.Add(Proxy), logs: logs))
        {
            AssertRefused(await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("X-Forwarded-For", "192.0.2.7, attacker-written-{x}")));
        }
        var warnings = logs.Messages.Where(line => line.Contains(" Warning ", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Has.One.Contains($"Refused a request from trusted proxy {Proxy}").And.Contains("SourceAddressUnreadable"));
            Assert.That(string.Join('\n', logs.Messages), Does.Not.Contain("attacker-written"), "header values are the client's words, not logged");
        });
    }

    internal static void AssertRefused(GatewayAnswer answer) =>
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.ErrorType, Is.EqualTo("AccessDeniedException"));
            Assert.That(answer.Message, Is.EqualTo("Forbidden"), "refused before any policy is evaluated");
        });

    private static async Task<GatewayAnswer> SendAsync(string forwardedFor)
    {
        await using var app = await StartAsync();
        return await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", Proxy), ("X-Forwarded-For", forwardedFor));
    }

    private static Task<TestApp> StartAsync(Action<ApiAuth.AspNetCore.Configuration.ApiAuthOptions>? configure = null) => TestApp.StartAsync(o =>
    {
        o.ResourcePolicy = Policy;
        o.TrustedProxies.Add(Proxy);
        configure?.Invoke(o);
    });
}
