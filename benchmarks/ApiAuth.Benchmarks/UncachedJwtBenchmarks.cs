using System.Security.Cryptography;
using System.Text.Json;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Benchmarks;

/// <summary>
/// DESIGN.md §5 / issue 13: a fresh (uncached, <c>ResultTtl</c> 0) Cognito validation must cost no more than what
/// ASP.NET Core's JwtBearer spends on the same token: <c>JsonWebTokenHandler.ValidateTokenAsync</c> with the same RS256
/// id token and the same key, given as the <see cref="JsonWebKey"/> JwtBearer reads from the pool's JWKS (issuer,
/// audience, lifetime and signature validated). The authorizers also build their outcome (claims, groups, scopes).
/// </summary>
[MemoryDiagnoser]
public class UncachedJwtBenchmarks
{
    private static readonly string[] NoScopes = [];

    private RSA _rsa = null!;
    private string _jwt = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _jwksParameters = null!;
    private TokenValidationParameters _rsaParameters = null!;
    private CognitoUserPoolAuthorizer _cognito = null!;
    private JwtAuthorizer _jwtAuthorizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = RSA.Create(2048);
        var issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench";
        var now = DateTimeOffset.UtcNow;
        _handler = new JsonWebTokenHandler();
        _jwt = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "client-1",
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                ["token_use"] = "id",
                ["email"] = "alice@example.com",
                ["cognito:groups"] = new[] { "admins", "readers" },
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "kid-1" }, SecurityAlgorithms.RsaSha256),
        });

        var publicKey = _rsa.ExportParameters(false);
        var jwksJson = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kid = "kid-1", kty = "RSA", alg = "RS256", use = "sig", n = Base64UrlEncoder.Encode(publicKey.Modulus), e = Base64UrlEncoder.Encode(publicKey.Exponent) } },
        });
        _jwksParameters = new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
            ValidIssuer = issuer,
            ValidAudience = "client-1",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        _rsaParameters = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(publicKey) { KeyId = "kid-1" },
            ValidIssuer = issuer,
            ValidAudience = "client-1",
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        var jwks = JwksSource.FromJson(jwksJson);
        _cognito = new CognitoUserPoolAuthorizer(
            new CognitoUserPoolAuthorizerOptions { UserPoolId = "us-east-1_Bench", AppClientIds = ["client-1"], ResultTtl = TimeSpan.Zero }, jwks, TimeProvider.System);
        _jwtAuthorizer = new JwtAuthorizer(new JwtAuthorizerOptions { Issuer = issuer, Audiences = ["client-1"], ResultTtl = TimeSpan.Zero }, jwks, TimeProvider.System);
        if (!JsonWebTokenHandlerWithJwks() || !JsonWebTokenHandlerWithRsaKey() || !UncachedCognito() || !UncachedJwt()
            || _cognito.CachedResults != 0 || _jwtAuthorizer.CachedResults != 0)
        {
            throw new InvalidOperationException("Benchmark setup is wrong: every path must allow, and nothing may be cached.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cognito.Dispose();
        _jwtAuthorizer.Dispose();
        _rsa.Dispose();
    }

    /// <summary>What JwtBearer does per request with a Cognito pool's metadata: the JWKS's keys.</summary>
    [Benchmark(Baseline = true)]
    public bool JsonWebTokenHandlerWithJwks() => _handler.ValidateTokenAsync(_jwt, _jwksParameters).GetAwaiter().GetResult().IsValid;

    /// <summary>The same with an <see cref="RsaSecurityKey"/> (AuthorizerBenchmarks' baseline).</summary>
    [Benchmark]
    public bool JsonWebTokenHandlerWithRsaKey() => _handler.ValidateTokenAsync(_jwt, _rsaParameters).GetAwaiter().GetResult().IsValid;

    [Benchmark]
    public bool UncachedCognito() => _cognito.AuthorizeAsync(_jwt, NoScopes).AsTask().GetAwaiter().GetResult().IsAllowed;

    [Benchmark]
    public bool UncachedJwt() => _jwtAuthorizer.AuthorizeAsync(_jwt, NoScopes).AsTask().GetAwaiter().GetResult().IsAllowed;
}
