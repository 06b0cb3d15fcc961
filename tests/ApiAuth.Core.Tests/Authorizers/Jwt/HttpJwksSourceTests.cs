using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Jwt;

/// <summary>JWKS fetched from a real local HTTP server by a Cognito authorizer: caching, rotation, rate limit, outages.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class HttpJwksSourceTests : IDisposable
{
    private static readonly string[] NoScopes = [];

    private static readonly TestSigningKey Key1 = new("kid-1");
    private static readonly TestSigningKey Key2 = new("kid-2");
    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
    }

    private CognitoUserPoolAuthorizer Authorizer(Uri jwksUri) => TestJwt.Cognito(JwksSource.FromUri(jwksUri, _http, _time), _time);

    // Tokens stay valid for an hour after TestJwt.Now; tests that move the clock further mint fresh ones.
    private string Token(TestSigningKey key) => TestJwt.Rs256(key, TestJwt.IdTokenPayload(_time.GetUtcNow()));

    [Test]
    public async Task Keys_are_fetched_once_and_then_served_from_memory()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var authorizer = Authorizer(server.Uri);

        for (var i = 0; i < 5; i++)
        {
            Assert.That((await authorizer.AuthorizeAsync(Token(Key1), NoScopes)).IsAllowed, Is.True);
        }

        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_first_requests_share_one_fetch()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var authorizer = Authorizer(server.Uri);
        var token = Token(Key1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => authorizer.AuthorizeAsync(token, NoScopes).AsTask())));

        Assert.That(outcomes.All(o => o.IsAllowed), Is.True);
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Rotated_key_is_picked_up_on_its_first_unknown_kid_once_the_interval_allows()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var authorizer = Authorizer(server.Uri);
        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        server.Body = TestJwt.Jwks(Key1.Jwk(), Key2.Jwk());

        var tooSoon = await authorizer.AuthorizeAsync(Token(Key2), NoScopes);
        _time.Advance(JwksSource.MinimumRefreshInterval);
        var afterInterval = await authorizer.AuthorizeAsync(Token(Key2), NoScopes);

        Assert.That(tooSoon.Reason, Is.EqualTo(DecisionReason.UnknownKeyId), "within 10 s of the last fetch no refetch happens");
        Assert.That(afterInterval.IsAllowed, Is.True, afterInterval.Reason.ToString());
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Unknown_kid_flood_makes_at_most_one_fetch_per_10_seconds()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var authorizer = Authorizer(server.Uri);
        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        _time.Advance(JwksSource.MinimumRefreshInterval);

        async Task<AuthorizerOutcome[]> Flood(int count)
        {
            using var attacker = new TestSigningKey($"attacker-{Guid.NewGuid():N}");
            return await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() =>
                authorizer.AuthorizeAsync(TestJwt.Mint(TestJwt.Header($"unknown-{i}"), TestJwt.IdTokenPayload(_time.GetUtcNow()), attacker.SignRs256), NoScopes).AsTask())));
        }

        var first = await Flood(200);
        Assert.That(server.Requests, Is.EqualTo(2), "one refresh for the whole flood");

        _time.Advance(TimeSpan.FromSeconds(9));
        var second = await Flood(100);
        Assert.That(server.Requests, Is.EqualTo(2), "9 s later: still rate limited");

        _time.Advance(TimeSpan.FromSeconds(1));
        await Flood(100);
        Assert.That(server.Requests, Is.EqualTo(3), "10 s later: one more refresh");

        Assert.That(first.Concat(second).Select(o => o.Reason).Distinct(), Is.EqualTo(new[] { DecisionReason.UnknownKeyId }));
        Assert.That((await authorizer.AuthorizeAsync(Token(Key1), NoScopes)).IsAllowed, Is.True, "real users are unaffected");
    }

    [Test]
    public async Task Server_down_keeps_the_last_good_keys_in_use()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var authorizer = Authorizer(server.Uri);
        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        server.GoDown();

        _time.Advance(JwksSource.MaximumKeyAge + TimeSpan.FromMinutes(1));
        var stillWorks = await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        var unknown = await authorizer.AuthorizeAsync(Token(Key2), NoScopes);

        Assert.That(stillWorks.IsAllowed, Is.True, stillWorks.Reason.ToString());
        Assert.That(unknown.Reason, Is.EqualTo(DecisionReason.UnknownKeyId));
    }

    [Test]
    public async Task A_client_pipeline_throwing_its_own_exception_keeps_the_last_good_keys_in_use()
    {
        // Resilience handlers throw their own types (an open circuit, a rejected timeout), not HttpRequestException.
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var handler = new BreakableHandler { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(handler);
        var authorizer = TestJwt.Cognito(JwksSource.FromUri(server.Uri, http, _time), _time);
        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        handler.Broken = true;

        _time.Advance(JwksSource.MaximumKeyAge + TimeSpan.FromMinutes(1));
        var stillWorks = await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        var unknown = await authorizer.AuthorizeAsync(Token(Key2), NoScopes);

        Assert.That(stillWorks.IsAllowed, Is.True, stillWorks.Reason.ToString());
        Assert.That(unknown.Reason, Is.EqualTo(DecisionReason.UnknownKeyId));
    }

    [Test]
    public async Task Server_down_from_the_start_is_401_never_allow_until_it_comes_back()
    {
        var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var uri = server.Uri;
        await server.DisposeAsync();
        var authorizer = Authorizer(uri);

        var outcome = await authorizer.AuthorizeAsync(Token(Key1), NoScopes);

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.NoSigningKeys));
    }

    [TestCase(500, null, TestName = "HTTP 500")]
    [TestCase(200, "<html>oops</html>", TestName = "not JSON")]
    [TestCase(200, "{\"keys\":[{\"kid\":\"kid-1\",\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"},{\"kid\":\"kid-1\",\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}", TestName = "duplicate kid")]
    public async Task Bad_refresh_keeps_the_last_good_keys(int status, string? body)
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var authorizer = Authorizer(server.Uri);
        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        server.Status = status;
        server.Body = body ?? "{}";

        _time.Advance(JwksSource.MaximumKeyAge);
        var outcome = await authorizer.AuthorizeAsync(Token(Key1), NoScopes);

        Assert.That(server.Requests, Is.EqualTo(2), "the stale keys triggered a refresh");
        Assert.That(outcome.IsAllowed, Is.True, outcome.Reason.ToString());
    }

    [TestCase(503, null, "HTTP 503", TestName = "JWKS fetch failure with a status is logged with the URL and the status")]
    [TestCase(200, "<html>oops</html>", "failed:", TestName = "JWKS fetch of a document that is not a JWKS is logged with what is wrong")]
    public async Task Failed_fetch_is_logged_at_warning_with_its_url_and_cause_and_no_token(int status, string? body, string cause)
    {
        await using var server = new JwksTestServer("{}") { Status = status };
        server.Body = body ?? "{}";
        var logger = new ListLogger();
        var authorizer = TestJwt.Cognito(JwksSource.FromUri(server.Uri, _http, _time, logger: logger), _time);
        var token = Token(Key1);

        var outcome = await authorizer.AuthorizeAsync(token, NoScopes);

        var warnings = logger.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.StatusCode, Is.EqualTo(401));
            Assert.That(warnings, Has.Count.EqualTo(1));
            Assert.That(warnings[0].Message, Does.Contain(server.Uri.ToString()).And.Contain(cause));
            Assert.That(logger.Text, Does.Not.Contain(token).And.Not.Contain(token.Split('.')[2]));
        });
    }

    [Test]
    public async Task Fetch_that_throws_is_logged_with_the_exception()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()));
        var handler = new BreakableHandler { InnerHandler = new HttpClientHandler(), Broken = true };
        using var http = new HttpClient(handler);
        var logger = new ListLogger();
        var authorizer = TestJwt.Cognito(JwksSource.FromUri(server.Uri, http, _time, logger: logger), _time);

        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);

        Assert.That(logger.Entries.Single().Exception, Is.InstanceOf<CircuitOpenException>());
    }

    [Test]
    public async Task Key_removed_at_the_issuer_stops_working_after_the_maximum_key_age()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk(), Key2.Jwk()));
        var authorizer = Authorizer(server.Uri);
        await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        server.Body = TestJwt.Jwks(Key2.Jwk());

        _time.Advance(JwksSource.MaximumKeyAge);
        var removed = await authorizer.AuthorizeAsync(Token(Key1), NoScopes);
        var kept = await authorizer.AuthorizeAsync(Token(Key2), NoScopes);

        Assert.That(removed.Reason, Is.EqualTo(DecisionReason.UnknownKeyId));
        Assert.That(kept.IsAllowed, Is.True);
    }

    [Test]
    public async Task Oversized_JWKS_document_is_refused()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk()).Replace("{\"keys\"", "{\"padding\":\"" + new string('x', 300 * 1024) + "\",\"keys\"", StringComparison.Ordinal));

        var outcome = await Authorizer(server.Uri).AuthorizeAsync(Token(Key1), NoScopes);

        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.NoSigningKeys));
    }

    private sealed class BreakableHandler : DelegatingHandler
    {
        public bool Broken { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Broken ? throw new CircuitOpenException() : base.SendAsync(request, cancellationToken);
    }

    private sealed class CircuitOpenException : Exception;
}
