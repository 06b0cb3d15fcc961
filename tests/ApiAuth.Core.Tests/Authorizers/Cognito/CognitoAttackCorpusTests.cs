using System.Security.Cryptography;
using System.Text;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Cognito;

/// <summary>
/// Tokens an attacker would try against a Cognito user-pool authorizer. Every one must be 401
/// <c>{"message":"Unauthorized"}</c>, and the internal reason must name the exact defence that stopped it.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class CognitoAttackCorpusTests
{
    private static readonly string[] NoScopes = [];
    private static readonly string[] OrdersRead = ["orders/read"];

    private static readonly TestSigningKey Key = new("key-a");
    private static readonly TestSigningKey OtherKey = new("key-b");
    private static readonly TestSigningKey Rs512Key = new("key-rs512");
    private static readonly TestSigningKey EncryptionKey = new("key-enc");
    private static readonly TestSigningKey Outsider = new("key-outsider");
    // RSA key generation is slow; the keys are shared by every test case and never leave the process.
    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly CognitoUserPoolAuthorizer _authorizer;

    public CognitoAttackCorpusTests()
    {
        var jwks = TestJwt.Jwks(Key.Jwk(), OtherKey.Jwk(), Rs512Key.Jwk(alg: "RS512"), EncryptionKey.Jwk(use: "enc"));
        _authorizer = new CognitoUserPoolAuthorizer(
            new CognitoUserPoolAuthorizerOptions { Region = TestJwt.Region, UserPoolId = TestJwt.PoolId, AppClientIds = [TestJwt.ClientId, "client-2"] },
            JwksSource.FromJson(jwks),
            _time);
    }

    [Test]
    public async Task Valid_id_token_is_allowed_with_claims_and_groups()
    {
        var outcome = await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, TestJwt.IdTokenPayload()), NoScopes);

        Assert.That(outcome.IsAllowed, Is.True, outcome.Reason.ToString());
        Assert.That(outcome.PrincipalId, Is.EqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
        Assert.That(outcome.Groups, Is.EqualTo(new[] { "admins", "readers" }));
        Assert.That(outcome.Claims["email"], Is.EqualTo("alice@example.com"));
        Assert.That(outcome.Claims["token_use"], Is.EqualTo("id"));
        Assert.That(outcome.Claims["cognito:groups"], Is.EqualTo("""["admins","readers"]"""));
    }

    [Test]
    public async Task Valid_access_token_holding_one_of_the_scopes_is_allowed()
    {
        var outcome = await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, TestJwt.AccessTokenPayload()), ["orders/write", "orders/read"]);

        Assert.That(outcome.IsAllowed, Is.True, outcome.Reason.ToString());
        Assert.That(outcome.Scopes, Is.EqualTo(new[] { "orders/read", "profile" }));
        Assert.That(outcome.Groups, Is.EqualTo(new[] { "admins" }));
    }

    [Test]
    public async Task Bearer_prefix_is_accepted()
    {
        var outcome = await _authorizer.AuthorizeAsync("Bearer " + TestJwt.Rs256(Key, TestJwt.IdTokenPayload()), NoScopes);

        Assert.That(outcome.IsAllowed, Is.True);
    }

    [Test]
    public async Task Token_from_the_newer_issuer_host_is_allowed()
    {
        var payload = TestJwt.IdTokenPayload().With("iss", "https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1");

        Assert.That((await _authorizer.AuthorizeAsync(TestJwt.Rs256(Key, payload), NoScopes)).IsAllowed, Is.True);
    }

    private CognitoUserPoolAuthorizer WithClockSkew(TimeSpan skew) => TestJwt.Cognito(JwksSource.FromJson(TestJwt.Jwks(Key.Jwk())), _time, skew);

    [Test]
    public async Task Clock_skew_tolerates_a_just_expired_token_when_configured()
    {
        var lenient = WithClockSkew(TimeSpan.FromSeconds(30));
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload().With("exp", TestJwt.Now.ToUnixTimeSeconds() - 20));

        Assert.That((await lenient.AuthorizeAsync(token, NoScopes)).IsAllowed, Is.True);
        Assert.That((await _authorizer.AuthorizeAsync(token, NoScopes)).Reason, Is.EqualTo(DecisionReason.TokenExpired));
    }

    [Test]
    public async Task An_expiry_at_the_end_of_time_with_clock_skew_is_an_outcome_not_an_exception()
    {
        var lenient = WithClockSkew(TimeSpan.FromSeconds(30));
        // 9999-12-31T23:59:59Z: adding the skew to it would overflow DateTime.
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload().With("exp", 253402300799L));

        var outcome = await lenient.AuthorizeAsync(token, NoScopes);

        Assert.That(outcome.IsAllowed, Is.True, outcome.Reason.ToString());
    }

    [Test]
    public async Task Token_expires_on_the_injected_clock()
    {
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload());
        Assert.That((await _authorizer.AuthorizeAsync(token, NoScopes)).IsAllowed, Is.True);

        _time.Advance(TimeSpan.FromHours(1));

        Assert.That((await _authorizer.AuthorizeAsync(token, NoScopes)).Reason, Is.EqualTo(DecisionReason.TokenExpired));
    }

    private static long At(int secondsFromNow) => TestJwt.Now.ToUnixTimeSeconds() + secondsFromNow;

    private static IEnumerable<TestCaseData> Attacks()
    {
        TestCaseData Case(string name, Func<string> token, DecisionReason reason, string[]? scopes = null) =>
            new TestCaseData(token, scopes ?? NoScopes, reason).SetName(name);

        var id = TestJwt.IdTokenPayload();
        var access = TestJwt.AccessTokenPayload();

        yield return Case("alg none with empty signature", () => TestJwt.Mint(TestJwt.Header(Key.Kid, "none"), id, null), DecisionReason.AlgorithmNotAllowed);
        yield return Case("alg none without signature part", () => TestJwt.Encode(TestJwt.Header(Key.Kid, "none")) + "." + TestJwt.Encode(id), DecisionReason.MalformedToken);
        yield return Case("alg None capitalised", () => TestJwt.Mint(TestJwt.Header(Key.Kid, "None"), id, null), DecisionReason.AlgorithmNotAllowed);
        yield return Case("HS256 signed with the RSA public key", () => TestJwt.Mint(TestJwt.Header(Key.Kid, "HS256"), id,
            data => HMACSHA256.HashData(Encoding.ASCII.GetBytes(Key.Rsa.ExportSubjectPublicKeyInfoPem()), data)), DecisionReason.AlgorithmNotAllowed);
        yield return Case("HS256 signed with the JWK modulus", () => TestJwt.Mint(TestJwt.Header(Key.Kid, "HS256"), id,
            data => HMACSHA256.HashData(Key.Rsa.ExportParameters(false).Modulus!, data)), DecisionReason.AlgorithmNotAllowed);
        yield return Case("missing kid", () => TestJwt.Mint(TestJwt.Header(Key.Kid).Without("kid"), id, Key.SignRs256), DecisionReason.MissingKeyId);
        yield return Case("empty kid", () => TestJwt.Mint(TestJwt.Header(""), id, Key.SignRs256), DecisionReason.MissingKeyId);
        yield return Case("unknown kid", () => TestJwt.Rs256(Outsider, id), DecisionReason.UnknownKeyId);
        yield return Case("other key's kid", () => TestJwt.Mint(TestJwt.Header(OtherKey.Kid), id, Key.SignRs256), DecisionReason.InvalidSignature);
        yield return Case("attacker key under a trusted kid", () => TestJwt.Mint(TestJwt.Header(Key.Kid), id, Outsider.SignRs256), DecisionReason.InvalidSignature);
        yield return Case("RS384 token for an RS256 pool", () => TestJwt.Mint(TestJwt.Header(Key.Kid, "RS384"), id, Key.SignRs384), DecisionReason.AlgorithmNotAllowed);
        yield return Case("key pinned to RS512 in the JWKS", () => TestJwt.Rs256(Rs512Key, id), DecisionReason.KeyAlgorithmMismatch);
        yield return Case("encryption key in the JWKS", () => TestJwt.Rs256(EncryptionKey, id), DecisionReason.KeyAlgorithmMismatch);
        yield return Case("expired", () => TestJwt.Rs256(Key, id.With("exp", At(-1))), DecisionReason.TokenExpired);
        yield return Case("expires exactly now", () => TestJwt.Rs256(Key, id.With("exp", At(0))), DecisionReason.TokenExpired);
        yield return Case("exp that is not a number", () => TestJwt.Rs256(Key, id.With("exp", "tomorrow")), DecisionReason.MalformedToken);
        yield return Case("no exp", () => TestJwt.Rs256(Key, id.Without("exp")), DecisionReason.MissingExpiration);
        yield return Case("not yet valid", () => TestJwt.Rs256(Key, id.With("nbf", At(60))), DecisionReason.TokenNotYetValid);
        yield return Case("issued in the future", () => TestJwt.Rs256(Key, id.With("iat", At(60))), DecisionReason.TokenIssuedInFuture);
        yield return Case("other pool", () => TestJwt.Rs256(Key, id.With("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool")), DecisionReason.InvalidIssuer);
        yield return Case("other region", () => TestJwt.Rs256(Key, id.With("iss", "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_TestPool1")), DecisionReason.InvalidIssuer);
        yield return Case("issuer with trailing slash", () => TestJwt.Rs256(Key, id.With("iss", TestJwt.Issuer + "/")), DecisionReason.InvalidIssuer);
        yield return Case("issuer over http", () => TestJwt.Rs256(Key, id.With("iss", TestJwt.Issuer.Replace("https:", "http:", StringComparison.Ordinal))), DecisionReason.InvalidIssuer);
        yield return Case("issuer in other case", () => TestJwt.Rs256(Key, id.With("iss", TestJwt.Issuer.ToUpperInvariant())), DecisionReason.InvalidIssuer);
        yield return Case("no issuer", () => TestJwt.Rs256(Key, id.Without("iss")), DecisionReason.InvalidIssuer);
        yield return Case("wrong aud", () => TestJwt.Rs256(Key, id.With("aud", "client-evil")), DecisionReason.AudienceNotAllowed);
        yield return Case("no aud", () => TestJwt.Rs256(Key, id.Without("aud")), DecisionReason.AudienceNotAllowed);
        yield return Case("wrong client_id", () => TestJwt.Rs256(Key, access.With("client_id", "client-evil")), DecisionReason.ClientIdNotAllowed, OrdersRead);
        yield return Case("access token where an id token is required", () => TestJwt.Rs256(Key, access), DecisionReason.IdTokenRequired);
        yield return Case("id token where an access token is required", () => TestJwt.Rs256(Key, id), DecisionReason.AccessTokenRequired, OrdersRead);
        yield return Case("access token without the scope", () => TestJwt.Rs256(Key, access.With("scope", "profile")), DecisionReason.InsufficientScope, OrdersRead);
        yield return Case("scope prefix is not the scope", () => TestJwt.Rs256(Key, access.With("scope", "orders/readx orders")), DecisionReason.InsufficientScope, OrdersRead);
        yield return Case("no token_use", () => TestJwt.Rs256(Key, id.Without("token_use")), DecisionReason.InvalidTokenUse);
        yield return Case("unknown token_use", () => TestJwt.Rs256(Key, id.With("token_use", "refresh")), DecisionReason.InvalidTokenUse);
        yield return Case("tampered payload", () =>
        {
            var parts = TestJwt.Rs256(Key, id).Split('.');
            return parts[0] + "." + TestJwt.Encode(id.With("cognito:groups", new[] { "admins", "root" })) + "." + parts[2];
        }, DecisionReason.InvalidSignature);
        yield return Case("tampered signature", () =>
        {
            var token = TestJwt.Rs256(Key, id);
            return token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        }, DecisionReason.InvalidSignature);
        yield return Case("jku header", () => TestJwt.Mint(TestJwt.Header(Key.Kid).With("jku", "https://evil.example/jwks.json"), id, Key.SignRs256), DecisionReason.UntrustedKeyReference);
        yield return Case("x5u header", () => TestJwt.Mint(TestJwt.Header(Key.Kid).With("x5u", "https://evil.example/cert.pem"), id, Key.SignRs256), DecisionReason.UntrustedKeyReference);
        yield return Case("x5c header", () => TestJwt.Mint(TestJwt.Header(Key.Kid).With("x5c", new[] { "MIIC" }), id, Key.SignRs256), DecisionReason.UntrustedKeyReference);
        yield return Case("embedded jwk header", () => TestJwt.Mint(TestJwt.Header(Outsider.Kid).With("jwk", Outsider.Jwk()), id, Outsider.SignRs256), DecisionReason.UntrustedKeyReference);
        yield return Case("crit header", () => TestJwt.Mint(TestJwt.Header(Key.Kid).With("crit", new[] { "exp" }).With("exp", 1), id, Key.SignRs256), DecisionReason.CriticalHeaderNotSupported);
        yield return Case("oversized token", () => TestJwt.Rs256(Key, id.With("padding", new string('x', 9000))), DecisionReason.TokenTooLarge);
        yield return Case("empty token", () => "", DecisionReason.MissingToken);
        yield return Case("garbage", () => "not-a-jwt", DecisionReason.MalformedToken);
        yield return Case("bad base64 header", () => "!!!.e30.sig", DecisionReason.MalformedToken);
        yield return Case("header that is not JSON", () => TestJwt.Encode(new()).Replace("e30", "bm90IGpzb24", StringComparison.Ordinal) + "." + TestJwt.Encode(id) + ".c2ln", DecisionReason.MalformedToken);
        yield return Case("five-part JWE", () => "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", DecisionReason.MalformedToken);
    }

    [TestCaseSource(nameof(Attacks))]
    public async Task Attack_is_rejected_with_401_and_a_precise_reason(Func<string> token, string[] scopes, DecisionReason reason)
    {
        var outcome = await _authorizer.AuthorizeAsync(token(), scopes);

        Assert.That(outcome.Reason, Is.EqualTo(reason));
        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Message, Is.EqualTo("Unauthorized"));
        Assert.That(outcome.IsAllowed, Is.False);
        Assert.That(outcome.Claims, Is.Empty, "nothing from a rejected token reaches the application");
    }

    [Test]
    public async Task No_keys_means_401_never_allow()
    {
        var empty = TestJwt.Cognito(JwksSource.FromJson("""{"keys":[]}"""), _time);

        var outcome = await empty.AuthorizeAsync(TestJwt.Rs256(Key, TestJwt.IdTokenPayload()), NoScopes);

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.NoSigningKeys));
    }
}
