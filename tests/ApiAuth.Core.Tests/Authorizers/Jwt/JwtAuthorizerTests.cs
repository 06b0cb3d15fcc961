using ApiAuth.Authorizers.Jwt;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Jwt;

/// <summary>The generic OIDC authorizer, with tokens shaped like Auth0's and Okta's.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class JwtAuthorizerTests
{
    private const string Issuer = "https://example.auth0.com/";
    private static readonly string[] NoScopes = [];

    private static readonly TestSigningKey Key = new("auth0-key");
    private readonly JwtAuthorizer _authorizer;

    public JwtAuthorizerTests()
    {
        _authorizer = new JwtAuthorizer(
            new JwtAuthorizerOptions { Issuer = Issuer, Audiences = ["https://api.example.com", "okta-client"] },
            JwksSource.FromJson(TestJwt.Jwks(Key.Jwk(alg: null, use: null))),
            new FakeTimeProvider(TestJwt.Now));
    }

    private static Dictionary<string, object?> Payload() => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "auth0|123",
        ["aud"] = new[] { "https://api.example.com", "https://example.auth0.com/userinfo" },
        ["iat"] = TestJwt.Now.ToUnixTimeSeconds() - 10,
        ["exp"] = TestJwt.Now.ToUnixTimeSeconds() + 600,
        ["scope"] = "openid read:pets",
    };

    [Test]
    public async Task Token_with_an_allowed_audience_among_several_is_allowed()
    {
        var outcome = await _authorizer.AuthorizeAsync("Bearer " + TestJwt.Rs256(Key, Payload()), ["read:pets"]);

        Assert.That(outcome.IsAllowed, Is.True, outcome.Reason.ToString());
        Assert.That(outcome.PrincipalId, Is.EqualTo("auth0|123"));
        Assert.That(outcome.Scopes, Is.EqualTo(new[] { "openid", "read:pets" }));
    }

    [Test]
    public async Task Without_aud_the_client_id_is_checked_as_HTTP_APIs_do()
    {
        var payload = Payload().Without("aud").With("client_id", "okta-client");

        Assert.That((await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, payload), NoScopes)).IsAllowed, Is.True);
        Assert.That(
            (await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, payload.With("client_id", "evil")), NoScopes)).Reason,
            Is.EqualTo(DecisionReason.AudienceNotAllowed));
    }

    [Test]
    public async Task Okta_style_scp_array_counts_as_scopes()
    {
        var payload = Payload().Without("scope").With("scp", new[] { "openid", "read:pets" });

        Assert.That((await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, payload), ["read:pets"])).IsAllowed, Is.True);
    }

    [Test]
    public async Task Wrong_audience_missing_scope_and_wrong_issuer_are_401()
    {
        var wrongAudience = await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, Payload().With("aud", "https://other.example.com")), NoScopes);
        var missingScope = await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, Payload()), ["write:pets"]);
        var wrongIssuer = await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, Payload().With("iss", "https://example.auth0.com")), NoScopes);

        Assert.That(wrongAudience.Reason, Is.EqualTo(DecisionReason.AudienceNotAllowed));
        Assert.That(missingScope.Reason, Is.EqualTo(DecisionReason.InsufficientScope));
        Assert.That(wrongIssuer.Reason, Is.EqualTo(DecisionReason.InvalidIssuer));
        Assert.That(new[] { wrongAudience.StatusCode, missingScope.StatusCode, wrongIssuer.StatusCode }, Is.All.EqualTo(401));
    }

    [Test]
    public void Audiences_are_required()
    {
        Assert.That(
            () => new JwtAuthorizer(new JwtAuthorizerOptions { Issuer = Issuer, Audiences = [] }, JwksSource.FromJson("""{"keys":[]}"""), TimeProvider.System),
            Throws.ArgumentException);
    }

    [TestCase("https://example.auth0.com/")]
    [TestCase("https://example.auth0.com")]
    public void Jwks_uri_is_the_issuers_well_known_document(string issuer)
    {
        Assert.That(JwtAuthorizer.JwksUriFor(issuer).ToString(), Is.EqualTo("https://example.auth0.com/.well-known/jwks.json"));
    }
}
