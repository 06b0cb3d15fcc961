using System.Net;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.Routing;
using ApiAuth.AspNetCore.Tests.Sample;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary><c>ApiAuth:Routes</c> protects endpoints that say nothing in code, as API Gateway's method settings do.</summary>
public sealed class ConfiguredRoutesTests
{
    [Test]
    public async Task A_configured_aws_iam_route_refuses_unsigned_requests_and_accepts_signed_ones()
    {
        await using var app = await App.StartAsync(o => o.Routes["GET /pets/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" });
        var unsigned = await SampleFactory.GetAsync(app.Client, "/pets/7");
        using var signed = await app.Signed.GetAsync("/pets/7");
        var open = await SampleFactory.GetAsync(app.Client, "/open");
        Assert.Multiple(() =>
        {
            Assert.That(unsigned.Status, Is.EqualTo(403));
            Assert.That(unsigned.ErrorType, Is.EqualTo("MissingAuthenticationTokenException"));
            Assert.That(signed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(open.Status, Is.EqualTo(200), "a route configuration does not name stays as the app wrote it");
        });
    }

    [Test]
    public async Task A_configured_route_applies_to_its_method_only_and_ANY_to_every_method()
    {
        await using var app = await App.StartAsync(o =>
        {
            o.Routes["POST /pets/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            o.Routes["ANY /files/{proxy+}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
        });
        var get = await SampleFactory.GetAsync(app.Client, "/pets/7");
        using var post = await app.Client.PostAsync("/pets/7", null);
        var file = await SampleFactory.GetAsync(app.Client, "/files/a/b.txt");
        Assert.Multiple(() =>
        {
            Assert.That(get.Status, Is.EqualTo(200), "GET /pets/{id} is not configured");
            Assert.That((int)post.StatusCode, Is.EqualTo(403));
            Assert.That(file.Status, Is.EqualTo(403), "{proxy+} is ASP.NET Core's catch-all");
        });
    }

    [Test]
    public async Task A_route_protected_differently_in_code_and_configuration_is_refused()
    {
        // Neither side may win in silence: the one the user did not mean could be the open one.
        await using var app = await App.StartAsync(o => o.Routes["GET /coded"] = new RouteAuthorizationOptions { AuthorizationType = "NONE" });
        var answer = await SampleFactory.GetAsync(app.Client, "/coded");
        Assert.That(answer.Status, Is.EqualTo(500));
    }

    [Test]
    public async Task A_configured_route_on_an_AllowAnonymous_endpoint_is_refused_not_left_open()
    {
        // [AllowAnonymous] skips authorization: honoured, it would drop the configured AWS_IAM without a word.
        await using var app = await App.StartAsync(o => o.Routes["GET /anonymous"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" });
        var answer = await SampleFactory.GetAsync(app.Client, "/anonymous");
        using var signed = await app.Signed.GetAsync("/anonymous");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(500));
            Assert.That((int)signed.StatusCode, Is.EqualTo(500));
        });
    }

    [Test]
    public async Task A_route_configured_as_the_code_says_runs_as_usual()
    {
        await using var app = await App.StartAsync(o => o.Routes["GET /coded"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" });
        using var signed = await app.Signed.GetAsync("/coded");
        Assert.That(signed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Bad_routes_stop_the_app_with_every_problem()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await App.StartAsync(o =>
        {
            o.Routes["FETCH /pets"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            o.Routes["GET pets"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            o.Routes["GET /a"] = new RouteAuthorizationOptions { AuthorizationType = "IAM" };
            o.Routes["GET /b"] = new RouteAuthorizationOptions { AuthorizationType = "CUSTOM" };
            o.Routes["GET /c"] = new RouteAuthorizationOptions { AuthorizationType = "COGNITO_USER_POOLS", Authorizer = "missing" };
            o.Routes["GET /d"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM", ApiKeyRequired = true };
            o.Routes["GET /e/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            o.Routes["GET /e/{other}"] = new RouteAuthorizationOptions { AuthorizationType = "NONE" };
            var scoped = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            scoped.AuthorizationScopes.Add("orders/read");
            o.Routes["GET /f"] = scoped;
        }))!;
        Assert.That(exception.Failures, Is.EquivalentTo(new[]
        {
            "ApiAuth:Routes:FETCH /pets: a route is 'METHOD /path' with METHOD one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY and a path such as /pets/{id} or /files/{proxy+}.",
            "ApiAuth:Routes:GET pets: a route is 'METHOD /path' with METHOD one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, ANY and a path such as /pets/{id} or /files/{proxy+}.",
            "ApiAuth:Routes:GET /a:AuthorizationType must be NONE, AWS_IAM, COGNITO_USER_POOLS or CUSTOM, got 'IAM'.",
            "ApiAuth:Routes:GET /b:Authorizer is required for CUSTOM: name an entry of ApiAuth:Authorizers.",
            "ApiAuth:Routes:GET /c:Authorizer 'missing' must name a COGNITO_USER_POOLS or JWT entry of ApiAuth:Authorizers.",
            "ApiAuth:Routes:GET /d:ApiKeyRequired needs API keys: configure ApiAuth:ApiKeys and ApiAuth:UsagePlans, or register an IApiKeyStore.",
            "ApiAuth:Routes:GET /e/{other} and ApiAuth:Routes:GET /e/{id} are the same route.",
            "ApiAuth:Routes:GET /f:AuthorizationScopes apply only to COGNITO_USER_POOLS.",
        }));
    }

    [Test]
    public void A_configured_route_no_endpoint_has_stops_the_app()
    {
        // "GET /petz" for "GET /pets/{petId}": ignored, the typo would leave the route it meant as the code left it.
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await App.StartAsync(o =>
        {
            o.Routes["GET /petz/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            o.Routes["DELETE /pets/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
            o.Routes["ANY /pets/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
        }))!;
        Assert.That(exception.Failures, Is.EquivalentTo(new[]
        {
            "ApiAuth:Routes:GET /petz/{id} matches no endpoint of the app: check its method and path.",
            "ApiAuth:Routes:DELETE /pets/{id} matches no endpoint of the app: check its method and path.",
        }));
    }

    [TestCase("/pets/{id}", "/pets/{petId:int}")]
    [TestCase("/files/{proxy+}", "/files/{**path}")]
    [TestCase("/files/{proxy+}", "/files/{*path}")]
    [TestCase("/Pets", "/pets")]
    [TestCase("/", "/")]
    public void Api_gateway_paths_meet_the_aspnet_templates_of_the_same_route(string resourcePath, string template)
    {
        Assert.That(RouteShape.FromResourcePath(resourcePath), Is.EqualTo(RouteShape.FromPattern(RoutePatternFactory.Parse(template))));
    }

    [TestCase("/pets/{id}", "/pets/{a}/{b}")]
    [TestCase("/pets/{id}", "/pets/{**rest}")]
    [TestCase("/pets", "/pets/{id}")]
    public void Different_routes_have_different_shapes(string resourcePath, string template)
    {
        Assert.That(RouteShape.FromResourcePath(resourcePath), Is.Not.EqualTo(RouteShape.FromPattern(RoutePatternFactory.Parse(template))));
    }

    [TestCase("pets")]
    [TestCase("/pets/*")]
    [TestCase("/pets/{}")]
    [TestCase("/pets/a{id}")]
    [TestCase("/pets//x")]
    public void Paths_that_are_not_resource_paths_are_refused(string path)
    {
        Assert.That(RouteShape.FromResourcePath(path), Is.Null);
    }

    private sealed class App : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private App(WebApplication app)
        {
            _app = app;
            Client = app.GetTestClient();
            Signed = TestApp.SignedClient(app);
        }

        public HttpClient Client { get; }

        public HttpClient Signed { get; }

        public static async Task<App> StartAsync(Action<ApiAuthOptions> configure)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            builder.Services.AddApiAuth(options =>
            {
                options.ApiId = "testapi";
                var credential = new CredentialOptions { AccessKeyId = TestApp.AccessKeyId, SecretAccessKey = TestApp.Secret, PrincipalArn = TestApp.UserArn };
                credential.Policies.Add(TestApp.AllowAll);
                options.Credentials.Add(credential);
                configure(options);
            });
            var app = builder.Build();
            app.MapGet("/pets/{petId}", (string petId) => new { petId });
            app.MapPost("/pets/{petId}", (string petId) => new { petId });
            app.MapGet("/files/{**path}", (string path) => new { path });
            app.MapGet("/open", () => new { ok = true });
            app.MapGet("/anonymous", () => new { ok = true }).AllowAnonymous();
            app.MapGet("/coded", () => new { ok = true }).RequireApiAuthorization(AuthorizationType.AwsIam);
            await app.StartAsync();
            return new App(app);
        }

        public async ValueTask DisposeAsync()
        {
            Signed.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
