using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Testing.Tests;

/// <summary>
/// An app protected by ApiAuth on TestServer, with its own credential, its own user pool (keys from a JWKS file), a
/// JWT issuer and its own TOKEN/REQUEST authorizers: everything the kit must join, and never replace by accident.
/// </summary>
public sealed class KitApp : IAsyncDisposable
{
    public const string AppAccessKeyId = "AKIAAPPOWNKEY0000001";
    public const string AppSecret = "app-own-secret-access-key";
    public const string AppUserArn = "arn:aws:iam::123456789012:user/app-user";
    public const string ApiArn = "arn:aws:execute-api:us-east-1:123456789012:kitapi/prod";
    public const string PoolId = "us-east-1_KitAppPool";
    public const string ClientId = "kit-app-client";
    public const string JwtIssuer = "https://issuer.example.com/";
    public const string JwtAudience = "kit-app-api";
    public const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";

    /// <summary>The app's own user pool: its public keys are the app's JWKS file, so they are trusted without the kit.</summary>
    public static readonly ApiAuthTestKit AppPool = new();

    private static readonly string JwksFile = WriteJwks();

    private readonly WebApplication _app;

    private KitApp(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the app, with <paramref name="kit"/> registered as a test would, or none (production).</summary>
    public static async Task<KitApp> StartAsync(ApiAuthTestKit? kit, Action<ApiAuthOptions>? configure = null, bool registerAppAuthorizers = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var apiAuth = builder.Services.AddApiAuth(options =>
        {
            options.ApiId = "kitapi";
            var credential = new CredentialOptions { AccessKeyId = AppAccessKeyId, SecretAccessKey = AppSecret, PrincipalArn = AppUserArn };
            credential.Policies.Add(AllowAll);
            options.Credentials.Add(credential);
            var cognito = new AuthorizerOptions { Type = "COGNITO_USER_POOLS", UserPoolId = PoolId, JwksFile = JwksFile };
            cognito.AppClientIds.Add(ClientId);
            options.Authorizers["cognito"] = cognito;
            var jwt = new AuthorizerOptions { Type = "JWT", Issuer = JwtIssuer, JwksFile = JwksFile };
            jwt.Audiences.Add(JwtAudience);
            options.Authorizers["jwt"] = jwt;
            options.Authorizers["token"] = new AuthorizerOptions { Type = "TOKEN", IdentitySource = "method.request.header.Authorization", ResultTtlInSeconds = 0 };
            options.Authorizers["request"] = new AuthorizerOptions { Type = "REQUEST", IdentitySource = "method.request.header.X-Tenant, method.request.querystring.key", ResultTtlInSeconds = 300 };
            configure?.Invoke(options);
        });
        if (registerAppAuthorizers)
        {
            apiAuth.AddCustomAuthorizer<AppTokenAuthorizer>("token").AddCustomAuthorizer<AppTokenAuthorizer>("request");
        }
        if (kit is not null)
        {
            builder.Services.AddApiAuthTestKit(kit);
        }
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/open", () => new { ok = true }).RequireApiAuthorization(AuthorizationType.None);
        app.MapGet("/iam", Describe).RequireApiAuthorization(AuthorizationType.AwsIam);
        app.MapPost("/iam", Describe).RequireApiAuthorization(AuthorizationType.AwsIam);
        app.MapGet("/profile", Describe).RequireApiAuthorization(AuthorizationType.CognitoUserPools, "cognito");
        app.MapGet("/orders", Describe).RequireApiAuthorization(AuthorizationType.CognitoUserPools, "cognito", "orders/read");
        app.MapGet("/jwt", Describe).RequireApiAuthorization(AuthorizationType.CognitoUserPools, "jwt");
        app.MapGet("/reports", Describe).RequireApiAuthorization(AuthorizationType.Custom, "token");
        app.MapGet("/admin", Describe).RequireApiAuthorization(AuthorizationType.Custom, "request");
        app.MapGet("/unprotected", () => new { ok = true });
        await app.StartAsync();
        return new KitApp(app);
    }

    public HttpClient Client(params DelegatingHandler[] handlers) =>
        new(Chain(handlers, _app.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };

    /// <summary>A token from the app's own pool (trusted through its JWKS file, kit or not).</summary>
    public string AppIdToken(string username)
    {
        AppPool.Attach(_app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiAuthOptions>>().Value);
        return AppPool.UserPool.IdToken("cognito", username);
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? authorization = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Describe(HttpContext context)
    {
        var decision = context.GetApiAuthDecision();
        return Results.Json(new { principalId = decision?.PrincipalId, arn = decision?.PrincipalArn, claims = decision?.Claims, context = decision?.Context });
    }

    private static HttpMessageHandler Chain(DelegatingHandler[] handlers, HttpMessageHandler last)
    {
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = last;
            last = handlers[i];
        }
        return last;
    }

    private static string WriteJwks()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kitapp-jwks-{Environment.ProcessId}.json");
        File.WriteAllText(path, AppPool.UserPool.Jwks);
        return path;
    }

    /// <summary>The app's own authorizer: token <c>app-allow</c> allows as <c>app-principal</c>; anything else is 401.</summary>
    private sealed class AppTokenAuthorizer : ICustomAuthorizer
    {
        public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(request.AuthorizationToken == "app-allow" || (request.QueryStringParameters?.TryGetValue("key", out var key) == true && key == "app-key")
                ? FakeAuthorizer.Allowing(request, "app-principal")
                : CustomAuthorizerResponse.Unauthorized);
    }
}
