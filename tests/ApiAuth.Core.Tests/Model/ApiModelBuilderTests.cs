using System.Net;
using ApiAuth.Gateway;
using ApiAuth.Model;
using ApiAuth.SigV4.Signing;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Model;

/// <summary>
/// The API model is checked whole in Core, so a host without ASP.NET Core gets the same start-up checks as the
/// adapter: every problem at once, each with its configuration path, and a pipeline only from a valid model.
/// </summary>
public sealed class ApiModelBuilderTests
{
    private const string AliceArn = "arn:aws:iam::123456789012:user/alice";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";

    [Test]
    public void Every_problem_of_the_API_is_reported_at_once_each_with_its_path()
    {
        var builder = new ApiModelBuilder { AccountId = "12345", Stage = "prod/v1", ResourcePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}", MaxBodySize = -1 };
        builder.Authorizers["pool"] = new AuthorizerSettings { Type = "COGNITO_USER_POOLS", UserPoolId = "us-east-1_Example" };
        builder.Authorizers["odd"] = new AuthorizerSettings { Type = "LAMBDA" };
        builder.Authorizers["tok"] = new AuthorizerSettings { Type = "TOKEN", ResultTtlInSeconds = 5000 };
        builder.Routes["GET /pets"] = new RouteSettings { AuthorizationType = "CUSTOM", Authorizer = "missing" };
        builder.Routes["FETCH /pets"] = new RouteSettings { AuthorizationType = "NONE" };
        builder.Routes["GET /toys"] = new RouteSettings { AuthorizationType = "AWS_IAM", AuthorizationScopes = { "toys/read" } };
        builder.GatewayResponses["ACCESS_DENYED"] = new GatewayResponseSettings();
        builder.Credentials.Add(new CredentialSettings { AccessKeyId = "", SecretAccessKey = Secret, PrincipalArn = AliceArn });

        Assert.That(builder.TryBuild(out var model, out var problems), Is.False);

        Assert.That(model, Is.Null);
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "ApiAuth:AccountId must be a 12-digit account id, got '12345'.",
            "ApiAuth:Stage must be a non-empty name without '/', ':', '*' or spaces, got 'prod/v1'.",
            "ApiAuth:Authorizers:pool needs UserPoolId and at least one AppClientIds entry.",
            "ApiAuth:Authorizers:odd:Type must be COGNITO_USER_POOLS, JWT, TOKEN or REQUEST, got 'LAMBDA'.",
            problems.Single(p => p.StartsWith("ApiAuth:Authorizers:tok: The result TTL must be between 0 and 3600 seconds", StringComparison.Ordinal)),
            "ApiAuth:Routes:GET /pets:Authorizer 'missing' must name a TOKEN or REQUEST entry of ApiAuth:Authorizers.",
            "ApiAuth:Routes:FETCH /pets: a route is 'METHOD /path' with METHOD one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY and a path such as /pets/{id} or /files/{proxy+}.",
            "ApiAuth:Routes:GET /toys:AuthorizationScopes apply only to COGNITO_USER_POOLS.",
            problems.Single(p => p.StartsWith("ApiAuth:ResourcePolicy is not a valid resource policy:", StringComparison.Ordinal)),
            problems.Single(p => p.StartsWith("ApiAuth:Credentials:0:", StringComparison.Ordinal)),
            "ApiAuth:MaxBodySize must be between 0 and 2147483647 bytes.",
            "ApiAuth:GatewayResponses:ACCESS_DENYED is not a gateway response type; use one of " + string.Join(", ", GatewayResponseTypes.All) + ".",
        }));
    }

    [Test]
    public void Build_throws_with_every_problem_in_its_message()
    {
        var builder = new ApiModelBuilder("Gateway") { AccountId = "x", ApiId = "" };

        var exception = Assert.Throws<ApiModelException>(() => builder.Build());

        Assert.That(exception!.Problems, Has.Count.EqualTo(2));
        Assert.That(exception.Message, Does.Contain("Gateway:AccountId").And.Contain("Gateway:ApiId"));
    }

    [Test]
    public void A_credential_whose_identity_policy_does_not_compile_is_a_problem_with_its_index()
    {
        var builder = new ApiModelBuilder();
        builder.Credentials.Add(new CredentialSettings { AccessKeyId = "AKIDALICE", SecretAccessKey = Secret, PrincipalArn = AliceArn, Policies = { "{\"Version\":\"2012-10-17\"}" } });

        Assert.That(builder.TryBuild(out _, out var problems), Is.False);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("ApiAuth:Credentials:0: identity policy 1 of " + AliceArn + " is invalid"));
    }

    [Test]
    public void Two_keys_for_one_route_are_the_same_route()
    {
        var builder = new ApiModelBuilder();
        builder.Routes["GET /pets/{id}"] = new RouteSettings { AuthorizationType = "NONE" };
        builder.Routes["get /PETS/{petId}"] = new RouteSettings { AuthorizationType = "AWS_IAM" };

        Assert.That(builder.TryBuild(out _, out var problems), Is.False);

        Assert.That(problems, Is.EqualTo(new[] { "ApiAuth:Routes:get /PETS/{petId} and ApiAuth:Routes:GET /pets/{id} are the same route." }));
    }

    [Test]
    public void A_valid_model_holds_exactly_what_was_configured()
    {
        var builder = new ApiModelBuilder { Region = "eu-west-1", AccountId = "111122223333", ApiId = "abc123", Stage = "beta", BaseDirectory = "/srv/app" };
        builder.Authorizers["pool"] = new AuthorizerSettings { Type = "cognito_user_pools", UserPoolId = "eu-west-1_Example", AppClientIds = { "client" }, JwksFile = "keys/jwks.json", ResultTtlInSeconds = 0 };
        builder.Authorizers["tok"] = new AuthorizerSettings { Type = "TOKEN", IdentitySource = "method.request.header.X-Token", IdentityValidationExpression = "^[a-z]+$" };
        builder.Routes["GET /pets/{id}"] = new RouteSettings { AuthorizationType = "COGNITO_USER_POOLS", Authorizer = "pool", AuthorizationScopes = { "pets/read" } };
        builder.Routes["any /files/{proxy+}"] = new RouteSettings { AuthorizationType = "CUSTOM", Authorizer = "tok", ApiKeyRequired = true };
        builder.StageVariables["tier"] = "gold";

        var model = builder.Build();

        Assert.That(model.Api.ArnPrefix, Is.EqualTo("arn:aws:execute-api:eu-west-1:111122223333:abc123/"));
        Assert.That(model.Stage, Is.EqualTo("beta"));
        var pool = model.Authorizers["pool"];
        Assert.That((pool.Kind, pool.Cognito!.UserPoolId, pool.Cognito.ResultTtl, pool.JwksFile, pool.JwksUri), Is.EqualTo((AuthorizerKind.CognitoUserPools, "eu-west-1_Example", TimeSpan.Zero, Path.GetFullPath("/srv/app/keys/jwks.json"), (Uri?)null)));
        Assert.That(model.Authorizers["tok"].Custom!.ValidationExpression, Is.Not.Null);
        Assert.That(model.Routes.Select(r => (r.Method, r.Path, r.Authorization.Type, r.Authorization.AuthorizerName, r.Authorization.ApiKeyRequired)), Is.EqualTo(new[]
        {
            ("GET", "/pets/{id}", AuthorizationType.CognitoUserPools, (string?)"pool", false),
            ("ANY", "/files/{proxy+}", AuthorizationType.Custom, "tok", true),
        }));
        Assert.That(model.Routes[0].Authorization.RequiredScopes, Is.EqualTo(new[] { "pets/read" }));
        Assert.That(model.StageVariables["tier"], Is.EqualTo("gold"));
    }

    [Test]
    public void A_cognito_authorizer_without_a_jwks_file_reads_the_pools_published_keys()
    {
        var builder = new ApiModelBuilder();
        builder.Authorizers["pool"] = new AuthorizerSettings { Type = "COGNITO_USER_POOLS", UserPoolId = "us-east-1_Example", AppClientIds = { "client" } };
        builder.Authorizers["jwt"] = new AuthorizerSettings { Type = "JWT", Issuer = "https://issuer.example", Audiences = { "api" }, JwksUri = "not a url" };

        Assert.That(builder.TryBuild(out _, out var problems), Is.False);
        Assert.That(problems, Is.EqualTo(new[] { "ApiAuth:Authorizers:jwt: JwksUri must be an absolute http(s) URL, got 'not a url'." }));

        builder.Authorizers.Remove("jwt");
        Assert.That(builder.Build().Authorizers["pool"].JwksUri, Is.EqualTo(new Uri("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example/.well-known/jwks.json")));
    }

    [Test]
    public async Task A_host_without_ASP_NET_Core_builds_the_pipeline_from_the_model_and_authorizes_a_signed_caller()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var builder = new ApiModelBuilder { ApiId = "api123", ResourcePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}""" };
        builder.Credentials.Add(new CredentialSettings { AccessKeyId = "AKIDALICE", SecretAccessKey = Secret, PrincipalArn = AliceArn, Policies = { AllowAll } });
        var gateway = ApiGateway.Create(builder.Build(), timeProvider: time);

        var allowed = await gateway.AuthorizeAsync(Signed(time, "198.51.100.1"), MethodAuthorization.AwsIam);
        var denied = await gateway.AuthorizeAsync(Signed(time, "192.0.2.9"), MethodAuthorization.AwsIam);

        Assert.That((allowed.IsAllowed, allowed.PrincipalArn), Is.EqualTo((true, AliceArn)));
        Assert.That((denied.IsAllowed, denied.StatusCode, denied.Reason), Is.EqualTo((false, 403, DecisionReason.ExplicitDeny)));
    }

    private static GatewayRequest Signed(TimeProvider time, string sourceIp)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "api123.execute-api.us-east-1.amazonaws.com") };
        headers.AddRange(new SigV4Signer(new SigV4SigningCredentials("AKIDALICE", Secret), "us-east-1", timeProvider: time)
            .Sign("GET", new Uri("https://api123.execute-api.us-east-1.amazonaws.com/pets"), headers).Headers);
        return new GatewayRequest("GET", "/pets", "/pets", headers) { SourceIp = IPAddress.Parse(sourceIp) };
    }
}
