using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Cognito;

/// <summary>
/// The Cognito result cache. API Gateway caches COGNITO_USER_POOLS results for <c>authorizerResultTtlInSeconds</c>
/// (default 300 s; the CDK's <c>CognitoUserPoolsAuthorizer.resultsCacheTtl</c> defaults to 5 minutes).
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class CognitoResultCacheTests : IDisposable
{
    private static readonly string[] NoScopes = [];
    private static readonly TestSigningKey Key1 = new("kid-1");
    private static readonly TestSigningKey Key2 = new("kid-2");

    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly CacheHitCounter _hits = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _hits.Dispose();
        _http.Dispose();
    }

    private CognitoUserPoolAuthorizer Authorizer(
        JwksSource? keys = null, TimeSpan? ttl = null, int entryLimit = 10_000, long byteLimit = 32L * 1024 * 1024, TimeSpan clockSkew = default) => new(
        new CognitoUserPoolAuthorizerOptions
        {
            UserPoolId = TestJwt.PoolId,
            AppClientIds = [TestJwt.ClientId],
            ClockSkew = clockSkew,
            ResultTtl = ttl ?? TimeSpan.FromSeconds(300),
            ResultCacheEntryLimit = entryLimit,
            ResultCacheByteLimit = byteLimit,
        },
        keys ?? JwksSource.FromJson(TestJwt.Jwks(Key1.Jwk(), Key2.Jwk())),
        _time,
        _hits.Meter);

    private string IdToken(TestSigningKey? key = null, string sub = "alice") =>
        TestJwt.Rs256(key ?? Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("sub", sub));

    private string AccessToken(string scope = "orders/read profile") =>
        TestJwt.Rs256(Key1, TestJwt.AccessTokenPayload(_time.GetUtcNow()).With("scope", scope));

    [Test]
    public async Task Same_token_is_validated_once_and_then_answered_from_the_cache()
    {
        using var authorizer = Authorizer();
        var token = IdToken();

        var first = await authorizer.AuthorizeAsync(token, NoScopes);
        var second = await authorizer.AuthorizeAsync(token, NoScopes);
        var third = await authorizer.AuthorizeAsync("Bearer " + token, NoScopes);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { first, second, third }.Select(o => o.IsAllowed), Is.All.True);
            Assert.That(_hits.Hits, Is.EqualTo(2), "the first call validates, the next two are hits (Bearer prefix or not)");
            Assert.That(authorizer.CachedResults, Is.EqualTo(1));
            Assert.That(third.PrincipalId, Is.EqualTo("alice"));
            Assert.That(third.Claims["email"], Is.EqualTo("alice@example.com"));
            Assert.That(third.Groups, Is.EqualTo(new[] { "admins", "readers" }));
        });
    }

    [Test]
    public async Task Different_tokens_miss_and_are_cached_separately()
    {
        using var authorizer = Authorizer();

        var alice = await authorizer.AuthorizeAsync(IdToken(sub: "alice"), NoScopes);
        var bob = await authorizer.AuthorizeAsync(IdToken(sub: "bob"), NoScopes);
        var aliceAgain = await authorizer.AuthorizeAsync(IdToken(sub: "alice"), NoScopes);

        Assert.Multiple(() =>
        {
            Assert.That(_hits.Hits, Is.EqualTo(1), "only the repeated token hits");
            Assert.That(authorizer.CachedResults, Is.EqualTo(2));
            Assert.That(alice.PrincipalId, Is.EqualTo("alice"));
            Assert.That(bob.PrincipalId, Is.EqualTo("bob"), "a hit never answers for another token");
            Assert.That(aliceAgain.PrincipalId, Is.EqualTo("alice"));
        });
    }

    [Test]
    public async Task Ttl_zero_turns_the_cache_off()
    {
        using var authorizer = Authorizer(ttl: TimeSpan.Zero);
        var token = IdToken();

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await authorizer.AuthorizeAsync(token, NoScopes)).IsAllowed, Is.True);
        }

        Assert.That(_hits.Hits, Is.Zero);
        Assert.That(authorizer.CachedResults, Is.Zero);
    }

    [Test]
    public async Task Entry_expires_after_the_ttl_and_the_token_is_validated_again()
    {
        using var authorizer = Authorizer(ttl: TimeSpan.FromSeconds(60));
        var token = IdToken();
        await authorizer.AuthorizeAsync(token, NoScopes);

        _time.Advance(TimeSpan.FromSeconds(59));
        await authorizer.AuthorizeAsync(token, NoScopes);
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterTtl = await authorizer.AuthorizeAsync(token, NoScopes);

        Assert.That(afterTtl.IsAllowed, Is.True, "the token itself is still valid");
        Assert.That(_hits.Hits, Is.EqualTo(1), "59 s: hit; 60 s: the entry is gone and the token is validated afresh");
    }

    [Test]
    public async Task Cached_token_is_refused_once_it_expires_within_the_ttl()
    {
        using var authorizer = Authorizer(ttl: TimeSpan.FromSeconds(3600));
        var expiresAt = _time.GetUtcNow().AddSeconds(120);
        var token = TestJwt.Rs256(Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("exp", expiresAt.ToUnixTimeSeconds()));
        Assert.That((await authorizer.AuthorizeAsync(token, NoScopes)).IsAllowed, Is.True);

        _time.Advance(TimeSpan.FromSeconds(119));
        var justBefore = await authorizer.AuthorizeAsync(token, NoScopes);
        _time.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await authorizer.AuthorizeAsync(token, NoScopes);

        Assert.Multiple(() =>
        {
            Assert.That(justBefore.IsAllowed, Is.True);
            Assert.That(atExpiry.StatusCode, Is.EqualTo(401));
            Assert.That(atExpiry.Reason, Is.EqualTo(DecisionReason.TokenExpired));
            Assert.That(_hits.Hits, Is.EqualTo(2), "both later answers came from the cache, the expiry from its per-hit check");
            Assert.That(authorizer.CachedResults, Is.Zero, "an expired token's entry is dropped");
        });
    }

    [Test]
    public async Task Cached_token_expiry_honours_the_clock_skew()
    {
        using var authorizer = Authorizer(ttl: TimeSpan.FromSeconds(3600), clockSkew: TimeSpan.FromSeconds(30));
        var token = TestJwt.Rs256(Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("exp", _time.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds()));
        await authorizer.AuthorizeAsync(token, NoScopes);

        _time.Advance(TimeSpan.FromSeconds(89));
        var withinSkew = await authorizer.AuthorizeAsync(token, NoScopes);
        _time.Advance(TimeSpan.FromSeconds(1));
        var pastSkew = await authorizer.AuthorizeAsync(token, NoScopes);

        Assert.That(withinSkew.IsAllowed, Is.True);
        Assert.That(pastSkew.Reason, Is.EqualTo(DecisionReason.TokenExpired));
        Assert.That(_hits.Hits, Is.EqualTo(2));
    }

    [Test]
    public async Task Scopes_are_checked_per_route_against_a_cached_access_token()
    {
        using var authorizer = Authorizer();
        var token = AccessToken("orders/read profile");

        var read = await authorizer.AuthorizeAsync(token, ["orders/read"]);
        var write = await authorizer.AuthorizeAsync(token, ["orders/write"]);
        var eitherOne = await authorizer.AuthorizeAsync(token, ["orders/write", "profile"]);
        var noScopes = await authorizer.AuthorizeAsync(token, NoScopes);

        Assert.Multiple(() =>
        {
            Assert.That(read.IsAllowed, Is.True);
            Assert.That(read.Scopes, Is.EqualTo(new[] { "orders/read", "profile" }));
            Assert.That(write.StatusCode, Is.EqualTo(401));
            Assert.That(write.Reason, Is.EqualTo(DecisionReason.InsufficientScope));
            Assert.That(eitherOne.IsAllowed, Is.True);
            Assert.That(noScopes.Reason, Is.EqualTo(DecisionReason.IdTokenRequired), "a route without scopes needs an id token");
            Assert.That(_hits.Hits, Is.EqualTo(3), "every answer after the first came from the cache");
        });
    }

    [Test]
    public async Task Cached_id_token_is_refused_on_a_route_with_scopes()
    {
        using var authorizer = Authorizer();
        var token = IdToken();
        await authorizer.AuthorizeAsync(token, NoScopes);

        var scoped = await authorizer.AuthorizeAsync(token, ["orders/read"]);

        Assert.That(scoped.Reason, Is.EqualTo(DecisionReason.AccessTokenRequired));
        Assert.That(_hits.Hits, Is.EqualTo(1));
    }

    [Test]
    public async Task Key_removed_by_a_JWKS_refresh_drops_the_cached_results_it_signed()
    {
        await using var server = new JwksTestServer(TestJwt.Jwks(Key1.Jwk(), Key2.Jwk()));
        using var authorizer = Authorizer(JwksSource.FromUri(server.Uri, _http, _time), ttl: TimeSpan.FromSeconds(3600));
        var signedByKey1 = IdToken(Key1);
        var signedByKey2 = IdToken(Key2);
        Assert.That((await authorizer.AuthorizeAsync(signedByKey1, NoScopes)).IsAllowed, Is.True);
        Assert.That((await authorizer.AuthorizeAsync(signedByKey2, NoScopes)).IsAllowed, Is.True);

        // The pool drops kid-1; a token naming an unknown kid makes the authorizer refetch the JWKS.
        server.Body = TestJwt.Jwks(Key2.Jwk());
        _time.Advance(JwksSource.MinimumRefreshInterval);
        using var rotated = new TestSigningKey("kid-3");
        var unknown = await authorizer.AuthorizeAsync(IdToken(rotated), NoScopes);
        Assert.That(server.Requests, Is.EqualTo(2), "the refresh happened");

        var removed = await authorizer.AuthorizeAsync(signedByKey1, NoScopes);
        var kept = await authorizer.AuthorizeAsync(signedByKey2, NoScopes);
        var keptAgain = await authorizer.AuthorizeAsync(signedByKey2, NoScopes);

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Reason, Is.EqualTo(DecisionReason.UnknownKeyId));
            Assert.That(removed.StatusCode, Is.EqualTo(401));
            Assert.That(removed.Reason, Is.EqualTo(DecisionReason.UnknownKeyId), "no longer answered from the cache");
            Assert.That(kept.IsAllowed, Is.True, "a key still published keeps working (validated once against the new set)");
            Assert.That(keptAgain.IsAllowed, Is.True);
            Assert.That(_hits.Hits, Is.EqualTo(1), "only the last call is a hit");
            Assert.That(authorizer.CachedResults, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Flood_of_distinct_tokens_stays_within_the_entry_limit()
    {
        const int limit = 50;
        using var authorizer = Authorizer(entryLimit: limit);

        var outcomes = new List<AuthorizerOutcome>();
        for (var i = 0; i < 4 * limit; i++)
        {
            outcomes.Add(await authorizer.AuthorizeAsync(IdToken(sub: $"user-{i}"), NoScopes));
            Assert.That(authorizer.CachedResults, Is.LessThanOrEqualTo(limit));
        }

        Assert.That(outcomes.Select(o => o.IsAllowed), Is.All.True, "a full cache never refuses a valid token");
        Assert.That(authorizer.CachedResults, Is.GreaterThan(0));
    }

    [Test]
    public async Task Flood_of_large_tokens_stays_within_the_byte_limit()
    {
        // Each token carries a 3,000-character claim: its identity and claims come to well over 8 KB of estimate.
        const long byteLimit = 160 * 1024;
        using var authorizer = Authorizer(byteLimit: byteLimit);
        var padding = new string('x', 3000);

        for (var i = 0; i < 60; i++)
        {
            var token = TestJwt.Rs256(Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("sub", $"user-{i}").With("custom:blob", padding));
            Assert.That((await authorizer.AuthorizeAsync(token, NoScopes)).IsAllowed, Is.True);
        }

        Assert.That(authorizer.CachedResults, Is.InRange(1, (int)(byteLimit / (8 * 1024))));
    }

    [Test]
    public async Task Failures_are_never_cached()
    {
        using var authorizer = Authorizer();
        using var attacker = new TestSigningKey("kid-1");
        string[] refused =
        [
            TestJwt.Rs256(Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("aud", "other-client")),
            TestJwt.Rs256(Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("exp", _time.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds())),
            TestJwt.Rs256(attacker, TestJwt.IdTokenPayload(_time.GetUtcNow())),
            TestJwt.Rs256(Key1, TestJwt.IdTokenPayload(_time.GetUtcNow()).With("token_use", "refresh")),
            AccessToken(),
        ];

        foreach (var token in refused)
        {
            for (var i = 0; i < 2; i++)
            {
                Assert.That((await authorizer.AuthorizeAsync(token, NoScopes)).StatusCode, Is.EqualTo(401));
            }
        }

        Assert.That(_hits.Hits, Is.Zero);
        Assert.That(authorizer.CachedResults, Is.Zero);
    }

    [Test]
    public async Task Valid_token_refused_on_one_route_is_still_cached_when_another_route_allows_it()
    {
        using var authorizer = Authorizer();
        var token = AccessToken("orders/read");

        var refused = await authorizer.AuthorizeAsync(token, ["orders/write"]);
        Assert.That(authorizer.CachedResults, Is.Zero, "the refusal was not cached");
        var allowed = await authorizer.AuthorizeAsync(token, ["orders/read"]);
        var refusedAgain = await authorizer.AuthorizeAsync(token, ["orders/write"]);

        Assert.That(refused.Reason, Is.EqualTo(DecisionReason.InsufficientScope));
        Assert.That(allowed.IsAllowed, Is.True);
        Assert.That(refusedAgain.Reason, Is.EqualTo(DecisionReason.InsufficientScope));
        Assert.That(_hits.Hits, Is.EqualTo(1));
    }

    [Test]
    public async Task Tampered_copy_of_a_cached_token_is_validated_and_refused()
    {
        using var authorizer = Authorizer();
        var token = IdToken();
        await authorizer.AuthorizeAsync(token, NoScopes);
        // A character inside the signature (the last one may only carry padding bits).
        var at = token.Length - 10;
        var tamperedToken = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];

        var tampered = await authorizer.AuthorizeAsync(tamperedToken, NoScopes);

        Assert.That(tampered.StatusCode, Is.EqualTo(401));
        Assert.That(tampered.Reason, Is.EqualTo(DecisionReason.InvalidSignature));
        Assert.That(_hits.Hits, Is.Zero);
    }

    [Test]
    public async Task Cache_hit_allocates_no_more_than_its_boxed_index()
    {
        using var authorizer = Authorizer();
        var header = "Bearer " + AccessToken();
        string[] scopes = ["orders/read"];
        await authorizer.AuthorizeAsync(header, scopes);

        const int Iterations = 1000;
        var allAllowed = true;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            var pending = authorizer.AuthorizeAsync(header, scopes);
            allAllowed &= pending.IsCompletedSuccessfully && pending.Result.IsAllowed;
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Iterations;
        Assert.That(allAllowed, Is.True);
        Assert.That(perCall, Is.LessThanOrEqualTo(32), "the 64-bit cache index boxed for MemoryCache (24 B), nothing per token or claim");
    }

    [TestCase(-1)]
    [TestCase(3601)]
    public void Result_ttl_outside_0_to_3600_seconds_is_refused(int seconds)
    {
        Assert.That(() => Authorizer(ttl: TimeSpan.FromSeconds(seconds)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
