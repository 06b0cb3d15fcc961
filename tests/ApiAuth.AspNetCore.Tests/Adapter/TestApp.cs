using System.Net;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// A small API with controllers and minimal endpoints on TestServer, configured per test. The <c>X-Test-Peer</c>
/// header sets the connection's remote address, standing in for the TCP peer TestServer does not have; the
/// <c>X-Test-Empty-Header</c> header names a header to set to an empty value (a header line HttpClient will not send).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string UserArn = "arn:aws:iam::123456789012:user/alice";
    public const string ApiArn = "arn:aws:execute-api:us-east-1:123456789012:testapi/prod";
    public const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";

    private readonly WebApplication _app;

    private TestApp(WebApplication app) => _app = app;

    public static async Task<TestApp> StartAsync(Action<ApiAuthOptions>? configure = null, string? identityPolicy = AllowAll, ILoggerProvider? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }
        builder.Services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);
        builder.Services.AddApiAuth(options =>
        {
            options.ApiId = "testapi";
            var credential = new CredentialOptions { AccessKeyId = AccessKeyId, SecretAccessKey = Secret, PrincipalArn = UserArn };
            if (identityPolicy is not null)
            {
                credential.Policies.Add(identityPolicy);
            }
            options.Credentials.Add(credential);
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
            }
            if (context.Request.Headers.TryGetValue("X-Test-Empty-Header", out var empty))
            {
                context.Request.Headers[empty.ToString()] = "";
            }
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapGet("/minimal/open", () => new { ok = true }).RequireApiAuthorization(AuthorizationType.None);
        app.MapGet("/minimal/iam", (HttpContext context) => new { arn = context.User.FindFirst("arn")?.Value }).RequireApiAuthorization(AuthorizationType.AwsIam);
        // What a token-authenticated caller looks like to the app (the Cognito authorizer must be configured by the test).
        app.MapGet("/minimal/cognito", (HttpContext context) => new
        {
            claims = context.User.Claims.Select(c => new[] { c.Type, c.Value }),
            isAdmin = context.User.IsInRole("admin"),
        }).RequireApiAuthorization(AuthorizationType.CognitoUserPools, "cognito");
        var group = app.MapGroup("/group").RequireApiAuthorization(AuthorizationType.AwsIam);
        group.MapGet("/item", () => new { item = 1 });
        await app.StartAsync();
        return new TestApp(app);
    }

    public HttpClient Client() => _app.GetTestClient();

    public HttpClient SignedClient(string secret = Secret) => SignedClient(_app, secret);

    /// <summary>A client of any test-server app whose requests are signed with the test credential.</summary>
    public static HttpClient SignedClient(WebApplication app, string secret = Secret) =>
        new(new SigV4SigningHandler(new SigV4Signer(new SigV4SigningCredentials(AccessKeyId, secret), "us-east-1")) { InnerHandler = app.GetTestServer().CreateHandler() })
        {
            BaseAddress = new Uri("http://localhost"),
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
