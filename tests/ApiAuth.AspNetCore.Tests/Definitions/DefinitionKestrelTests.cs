using ApiAuth.AspNetCore.Configuration;
using System.Net;
using ApiAuth.Gateway;
using ApiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Tests.Definitions;

// Driven only by TestData/definitions/petstore-swagger2.yaml (sources in its header): the app's endpoints carry no auth.
public sealed class DefinitionKestrelTests
{
    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";

    private ApiAuthTestKit _kit = null!;
    private DefinitionApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _kit = new ApiAuthTestKit();
        _app = await DefinitionApp.StartAsync("petstore-swagger2.yaml", _kit);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        _kit.Dispose();
    }

    private static async Task<(HttpStatusCode Status, string Body, string? ErrorType)> Send(HttpClient client, HttpMethod method, string path, Action<HttpRequestMessage>? edit = null)
    {
        using var request = new HttpRequestMessage(method, path);
        edit?.Invoke(request);
        using var response = await client.SendAsync(request);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), errorType);
    }

    [Test]
    public async Task Iam_route_from_the_export_needs_a_signature_and_accepts_a_signed_caller()
    {
        var alice = _kit.AddCaller("arn:aws:iam::123456789012:user/alice", AllowAll);
        using var anonymous = _app.Client();
        using var signed = _app.Client(_kit.SigV4Handler(alice));

        var unsigned = await Send(anonymous, HttpMethod.Get, "/pets");
        var ok = await Send(signed, HttpMethod.Get, "/pets");
        var post = await Send(signed, HttpMethod.Post, "/pets", r => r.Content = new StringContent("{}"));

        Assert.That(unsigned, Is.EqualTo((HttpStatusCode.Forbidden, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException")));
        Assert.That(ok.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ok.Body, Does.Contain("arn:aws:iam::123456789012:user/alice").And.Contains("AwsIam"));
        Assert.That(post.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Iam_route_from_the_export_accepts_curl_aws_sigv4_and_refuses_a_wrong_secret()
    {
        var bob = _kit.AddCaller("arn:aws:iam::123456789012:user/bob", AllowAll);

        async Task<(int ExitCode, string Stdout, string Stderr)> Curl(string secret) => await Interop.ExternalProcess.RunAsync("curl",
        [
            "-sS", "--max-time", "30", "--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user", $"{bob.AccessKeyId}:{secret}",
            "-w", "\n%{http_code}", new Uri(_app.Address, "/pets").ToString(),
        ]);

        var signed = await Curl(bob.SecretAccessKey);
        var wrong = await Curl("not-the-secret");

        Assert.That(signed.ExitCode, Is.Zero, signed.Stderr);
        Assert.That(signed.Stdout, Does.EndWith("\n200").And.Contains("arn:aws:iam::123456789012:user/bob"));
        Assert.That(wrong.Stdout, Does.EndWith("\n403").And.Contains("The request signature we calculated does not match"));
    }

    [Test]
    public async Task Cognito_route_from_the_export_checks_its_scope()
    {
        using var client = _app.Client();

        var withScope = await Send(client, HttpMethod.Get, "/pets/7", r => r.Headers.Add("Authorization", _kit.UserPool.AccessToken("cognito-pool", ["pets/read"])));
        var otherScope = await Send(client, HttpMethod.Get, "/pets/7", r => r.Headers.Add("Authorization", _kit.UserPool.AccessToken("cognito-pool", ["pets/write"])));
        var idToken = await Send(client, HttpMethod.Get, "/profile", r => r.Headers.Add("Authorization", _kit.UserPool.IdToken("cognito-pool", "carol")));
        var none = await Send(client, HttpMethod.Get, "/profile");

        Assert.That(withScope.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(withScope.Body, Does.Contain("CognitoUserPools"));
        Assert.That(otherScope.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(idToken.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(none, Is.EqualTo((HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""", "UnauthorizedException")));
    }

    [Test]
    public async Task Token_authorizer_from_the_export_runs_the_registered_code_after_its_validation_expression()
    {
        using var client = _app.Client();

        var allowed = await Send(client, HttpMethod.Get, "/reports", r => r.Headers.Add("Authorization", "x-allow"));
        var denied = await Send(client, HttpMethod.Get, "/reports", r => r.Headers.Add("Authorization", "x-deny"));
        var notMatchingExpression = await Send(client, HttpMethod.Get, "/reports", r => r.Headers.Add("Authorization", "allow"));

        Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(allowed.Body, Does.Contain("token-user"));
        Assert.That(denied, Is.EqualTo((HttpStatusCode.Forbidden, """{"message":"User is not authorized to access this resource with an explicit deny"}""", "AccessDeniedException")));
        Assert.That(notMatchingExpression.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Request_authorizer_from_the_export_reads_its_header_and_query_sources()
    {
        using var client = _app.Client();

        var allowed = await Send(client, HttpMethod.Get, "/admin?QueryString1=open-sesame", r => r.Headers.Add("HeaderAuth1", "tenant-9"));
        var wrongKey = await Send(client, HttpMethod.Get, "/admin?QueryString1=nope", r => r.Headers.Add("HeaderAuth1", "tenant-9"));
        var missingSource = await Send(client, HttpMethod.Get, "/admin?QueryString1=open-sesame");

        Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(allowed.Body, Does.Contain("tenant-9"));
        Assert.That(wrongKey.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(missingSource.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Resource_policy_from_the_export_denies_by_source_ip_with_the_exports_gateway_response()
    {
        using var client = _app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/blocked");
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        // The stage in the method ARN is the export's basePath.
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/blocked with an explicit deny"}"""));
        Assert.That(response.Headers.GetValues("x-petstore").Single(), Is.EqualTo("denied"), "x-amazon-apigateway-gateway-responses.ACCESS_DENIED");
        Assert.That((await Send(client, HttpMethod.Get, "/")).Status, Is.EqualTo(HttpStatusCode.OK), "the policy's Allow covers the rest");
    }

    [TestCase("GET", "/files/a")]
    [TestCase("GET", "/files/a/b/c.txt")]
    [TestCase("DELETE", "/files/x")]
    public async Task Greedy_any_method_route_from_the_export_covers_every_method_and_depth(string method, string path)
    {
        using var client = _app.Client();

        Assert.That((await Send(client, new HttpMethod(method), path)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("GET", "/unlisted", Description = "an app endpoint the export does not list")]
    [TestCase("GET", "/nothing/here", Description = "no endpoint at all")]
    [TestCase("GET", "/files", Description = "{proxy+} needs a segment")]
    [TestCase("GET", "/PETS", Description = "API Gateway paths compare with case")]
    [TestCase("DELETE", "/pets", Description = "the resource has no DELETE")]
    public async Task Request_matching_no_route_of_the_export_is_missing_authentication_token(string method, string path)
    {
        using var client = _app.Client();

        Assert.That(await Send(client, new HttpMethod(method), path),
            Is.EqualTo((HttpStatusCode.Forbidden, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException")));
    }

    [Test]
    public async Task Pass_through_lets_unmatched_requests_reach_the_app()
    {
        await using var app = await DefinitionApp.StartAsync("petstore-swagger2.yaml", null, options => options.UnmatchedRoutes = "PassThrough");
        using var client = app.Client();

        Assert.That((await Send(client, HttpMethod.Get, "/unlisted")).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Send(client, HttpMethod.Get, "/pets")).Status, Is.EqualTo(HttpStatusCode.Forbidden), "listed routes keep their auth");
    }

    [Test]
    public async Task Api_key_operation_of_the_export_needs_a_key_of_a_usage_plan()
    {
        // The AWS sample's /validation operations name api_key in their security: API Gateway's apiKeyRequired.
        const string key = "partner-key-0123456789abcdef";
        await using var app = await DefinitionApp.StartAsync("aws-docs-request-validation-sample.json", null, options =>
        {
            options.Authorizers.Clear();
            options.Ignore.Add("x-amazon-apigateway-request-validators");
            options.Ignore.Add("x-amazon-apigateway-request-validator");
            var partner = new ApiKeyOptions { Id = "partner", Value = key };
            partner.UsagePlans.Add("basic");
            options.ApiKeys.Add(partner);
            options.UsagePlans["basic"] = new UsagePlanOptions();
        }, map: app => app.MapGet("/validation", () => "validated"), registerAuthorizers: false);
        using var client = app.Client();

        var without = await Send(client, HttpMethod.Get, "/validation");
        var wrong = await Send(client, HttpMethod.Get, "/validation", r => r.Headers.Add("x-api-key", "not-the-key-0123456789abcdef"));
        var with = await Send(client, HttpMethod.Get, "/validation", r => r.Headers.Add("x-api-key", key));

        Assert.Multiple(() =>
        {
            Assert.That((without.Status, without.Body, without.ErrorType), Is.EqualTo((HttpStatusCode.Forbidden, """{"message":"Forbidden"}""", "ForbiddenException")));
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(with.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("/PETS")]
    [TestCase("/Pets/")]
    [TestCase("/pets/")]
    public async Task Pass_through_never_lets_a_respelling_of_a_listed_route_reach_its_endpoint_unprotected(string path)
    {
        // API Gateway's paths compare with case, ASP.NET Core's routing without: /PETS matches no route of the export
        // and passes through, but routing still takes it to the app's /pets endpoint, which must keep the export's auth.
        await using var app = await DefinitionApp.StartAsync("petstore-swagger2.yaml", null, options => options.UnmatchedRoutes = "PassThrough");
        using var client = app.Client();

        Assert.That((await Send(client, HttpMethod.Get, path)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}

public sealed class DefinitionStartupTests
{
    private static async Task<string> StartupError(WebApplication app)
    {
        try
        {
            var exception = Assert.CatchAsync(async () => await app.StartAsync());
            return exception is OptionsValidationException validation ? string.Join("\n", validation.Failures) : exception!.Message;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Test]
    public async Task Definition_authorizer_without_registered_code_stops_the_app_naming_both()
    {
        var error = await StartupError(DefinitionApp.Build("petstore-swagger2.yaml", null, registerAuthorizers: false));

        Assert.That(error, Does.Contain("the definition's $.securityDefinitions.test-authorizer (petstore-swagger2.yaml) is a TOKEN authorizer named 'test-authorizer', but no implementation is registered under that name: call AddApiAuth(...).AddCustomAuthorizer<T>(\"test-authorizer\")."));
        Assert.That(error, Does.Contain("request_authorizer_header_query"));
    }

    [Test]
    public async Task Refused_items_stop_the_app_all_at_once_each_with_its_path()
    {
        var error = await StartupError(DefinitionApp.Build("aws-docs-request-validation-sample.json", null));
        var file = DefinitionApp.Fixture("aws-docs-request-validation-sample.json");

        Assert.That(error, Does.Contain($"ApiAuth:Definition ({file}) $.x-amazon-apigateway-request-validators: request validation is not enforced by ApiAuth. Accept it as not enforced with \"Ignore\": [\"x-amazon-apigateway-request-validators\"]."));
        Assert.That(error, Does.Contain($"ApiAuth:Definition ({file}) $.paths['/validation'].post.x-amazon-apigateway-request-validator: request validation is not enforced by ApiAuth."));
        Assert.That(error, Does.Not.Contain("api_key"), "API keys in an export are read, not refused");
    }

    [Test]
    public async Task Endpoint_whose_own_auth_disagrees_with_the_definition_stops_the_app()
    {
        var app = DefinitionApp.Build("petstore-swagger2.yaml", null, map: app =>
        {
            app.MapGet("/pets", () => "pets").RequireApiAuthorization(AuthorizationType.None);
            app.MapGet("/reports", () => "reports").RequireApiAuthorization(AuthorizationType.Custom, "test-authorizer");
        });

        var error = await StartupError(app);

        Assert.That(error, Does.Contain("The endpoint 'HTTP: GET /pets' is protected in code as None but the definition's GET /pets is AwsIam; remove the endpoint's own auth (the definition decides) or make them agree."));
        Assert.That(error, Does.Not.Contain("/reports"), "an endpoint that agrees is fine");
    }

    [Test]
    public async Task Settings_that_contradict_the_definition_stop_the_app()
    {
        var error = await StartupError(DefinitionApp.Build("petstore-swagger2.yaml", null, options =>
        {
            options.Stage = "beta";
            options.Authorizers["test-authorizer"] = new() { Type = "REQUEST" };
            options.ResourcePolicy = """{"Version":"2012-10-17","Statement":[]}""";
        }));

        Assert.That(error, Does.Contain("ApiAuth:Stage is 'beta' but the definition's base path names stage 'prod'; remove one."));
        Assert.That(error, Does.Contain("ApiAuth:Authorizers:test-authorizer:Type is 'REQUEST' but the definition's $.securityDefinitions.test-authorizer (petstore-swagger2.yaml) says 'TOKEN'; leave it out or make them agree."));
        Assert.That(error, Does.Contain("both set the resource policy"));
    }

    [Test]
    public async Task A_malformed_definition_stops_the_app_with_the_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "swagger: '2.0'\npaths: [unclosed\n");
        try
        {
            var error = await StartupError(DefinitionApp.Build(path, null));

            Assert.That(error, Does.Contain($"ApiAuth:Definition ({path}) cannot be read: the YAML is malformed"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
