using System.Security.Cryptography;
using System.Text.Json;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// The server of the end-to-end load test (run.sh): one trivial handler behind every auth type, and behind ASP.NET
// Core's own JwtBearer as the peer, so wrk can compare them in one run. Cognito and JwtBearer share one RS256 key
// (a JWKS written at start-up) and one id token, which GET /loadtest/token hands to run.sh.
const string PoolId = "us-east-1_LoadTest";
const string ClientId = "loadtest-client";
const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + PoolId;

using var rsa = RSA.Create(2048);
var publicKey = rsa.ExportParameters(false);
var jwksJson = JsonSerializer.Serialize(new
{
    keys = new[] { new { kid = "loadtest-1", kty = "RSA", alg = "RS256", use = "sig", n = Base64UrlEncoder.Encode(publicKey.Modulus), e = Base64UrlEncoder.Encode(publicKey.Exponent) } },
});
var jwksFile = Path.Combine(Path.GetTempPath(), $"apiauth-loadtest-{Environment.ProcessId}.jwks.json");
File.WriteAllText(jwksFile, jwksJson);
var issuedAt = DateTime.UtcNow;
var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
{
    Issuer = Issuer,
    Audience = ClientId,
    IssuedAt = issuedAt,
    NotBefore = issuedAt,
    Expires = issuedAt.AddHours(2),
    Claims = new Dictionary<string, object>
    {
        ["sub"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["token_use"] = "id",
        ["email"] = "alice@example.com",
        ["cognito:groups"] = new[] { "admins", "readers" },
    },
    SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "loadtest-1" }, SecurityAlgorithms.RsaSha256),
});

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var apiAuth = builder.Services.AddApiAuth(options =>
{
    options.ApiId = "loadtest";
    options.ResourcePolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*"},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
        """;
    var credential = new CredentialOptions
    {
        AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
        SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        PrincipalArn = "arn:aws:iam::123456789012:user/loadtest",
    };
    credential.Policies.Add("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:loadtest/prod/GET/*"}]}""");
    options.Credentials.Add(credential);
    options.Authorizers["pool"] = Pool(300);
    options.Authorizers["pool-uncached"] = Pool(0);
    options.Authorizers["token"] = new AuthorizerOptions { Type = "TOKEN", IdentitySource = "method.request.header.Authorization", ResultTtlInSeconds = 300 };
    options.Authorizers["request"] = new AuthorizerOptions { Type = "REQUEST", IdentitySource = "method.request.header.Authorization", ResultTtlInSeconds = 300 };
});
apiAuth.AddCustomAuthorizer<AllowAuthorizer>("token");
apiAuth.AddCustomAuthorizer<AllowAuthorizer>("request");

// The peer: what a user would configure instead for Cognito tokens, with the pool's keys as JwtBearer reads them
// from the pool's metadata (JsonWebKeys), validating every request.
builder.Services.AddAuthentication().AddJwtBearer(options =>
{
    options.MapInboundClaims = false;
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = Issuer,
        ValidAudience = ClientId,
        IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };
});

var app = builder.Build();
app.Lifetime.ApplicationStopped.Register(() => File.Delete(jwksFile));
static IResult Pet(string id) => Results.Ok(new { id, name = "Rex" });
app.MapGet("/loadtest/token", () => idToken);
app.MapGet("/none/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.None);
app.MapGet("/iam/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.AwsIam);
app.MapGet("/cognito/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.CognitoUserPools, "pool");
app.MapGet("/cognito-uncached/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.CognitoUserPools, "pool-uncached");
app.MapGet("/token/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.Custom, "token");
app.MapGet("/request/pets/{id}", Pet).RequireApiAuthorization(AuthorizationType.Custom, "request");
app.MapGet("/jwtbearer/pets/{id}", Pet).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme });
app.Run();

AuthorizerOptions Pool(int ttl)
{
    var pool = new AuthorizerOptions { Type = "COGNITO_USER_POOLS", UserPoolId = PoolId, JwksFile = jwksFile, ResultTtlInSeconds = ttl };
    pool.AppClientIds.Add(ClientId);
    return pool;
}

/// <summary>TOKEN and REQUEST authorizer of the load test: allows the stage's GETs (a wildcard, so one cached answer serves every call).</summary>
internal sealed class AllowAuthorizer : ICustomAuthorizer
{
    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new CustomAuthorizerResponse
        {
            PrincipalID = "loadtest-user",
            PolicyDocument = new AuthorizerPolicyDocument
            {
                Statement = [new AuthorizerPolicyStatement
                {
                    Effect = "Allow",
                    Action = new HashSet<string> { "execute-api:Invoke" },
                    Resource = new HashSet<string> { string.Join('/', request.MethodArn.Split('/').Take(2)) + "/GET/*" },
                }],
            },
        });
}
