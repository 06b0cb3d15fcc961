using ApiAuth.Authorizers.Jwt;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Jwt;

/// <summary>The generic JWT authorizer's result cache: the same rules as Cognito's (see CognitoResultCacheTests).</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class JwtResultCacheTests : IDisposable
{
    private const string Issuer = "https://example.auth0.com/";
    private static readonly string[] NoScopes = [];
    private static readonly TestSigningKey Key = new("auth0-key");

    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly CacheHitCounter _hits = new();
    private readonly JwtAuthorizer _authorizer;

    public JwtResultCacheTests()
    {
        _authorizer = new JwtAuthorizer(
            new JwtAuthorizerOptions { Issuer = Issuer, Audiences = ["https://api.example.com"], ResultTtl = TimeSpan.FromSeconds(3600) },
            JwksSource.FromJson(TestJwt.Jwks(Key.Jwk())),
            _time,
            _hits.Meter);
    }

    public void Dispose()
    {
        _authorizer.Dispose();
        _hits.Dispose();
    }

    private string Token(string audience = "https://api.example.com", int lifetimeSeconds = 600) => TestJwt.Rs256(Key, new Dictionary<string, object?>
    {
        ["iss"] = Issuer,
        ["sub"] = "auth0|123",
        ["aud"] = audience,
        ["iat"] = _time.GetUtcNow().ToUnixTimeSeconds() - 10,
        ["exp"] = _time.GetUtcNow().ToUnixTimeSeconds() + lifetimeSeconds,
        ["scope"] = "openid read:pets",
    });

    [Test]
    public async Task Same_token_hits_and_scopes_are_checked_per_route()
    {
        var token = Token();

        var read = await _authorizer.AuthorizeAsync("Bearer " + token, ["read:pets"]);
        var write = await _authorizer.AuthorizeAsync("Bearer " + token, ["write:pets"]);
        var none = await _authorizer.AuthorizeAsync(token, NoScopes);

        Assert.Multiple(() =>
        {
            Assert.That(read.IsAllowed, Is.True);
            Assert.That(write.Reason, Is.EqualTo(DecisionReason.InsufficientScope));
            Assert.That(none.IsAllowed, Is.True, "a route without scopes checks none");
            Assert.That(none.PrincipalId, Is.EqualTo("auth0|123"));
            Assert.That(_hits.Hits, Is.EqualTo(2));
            Assert.That(_authorizer.CachedResults, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Cached_token_is_refused_at_its_expiry()
    {
        var token = Token(lifetimeSeconds: 30);
        await _authorizer.AuthorizeAsync(token, NoScopes);

        _time.Advance(TimeSpan.FromSeconds(30));
        var expired = await _authorizer.AuthorizeAsync(token, NoScopes);

        Assert.That(expired.Reason, Is.EqualTo(DecisionReason.TokenExpired));
        Assert.That(_hits.Hits, Is.EqualTo(1));
    }

    [Test]
    public async Task Token_for_another_audience_is_never_cached()
    {
        var token = Token(audience: "https://other.example.com");

        var first = await _authorizer.AuthorizeAsync(token, NoScopes);
        var second = await _authorizer.AuthorizeAsync(token, NoScopes);

        Assert.That(first.Reason, Is.EqualTo(DecisionReason.AudienceNotAllowed));
        Assert.That(second.Reason, Is.EqualTo(DecisionReason.AudienceNotAllowed));
        Assert.That(_hits.Hits, Is.Zero);
        Assert.That(_authorizer.CachedResults, Is.Zero);
    }
}
