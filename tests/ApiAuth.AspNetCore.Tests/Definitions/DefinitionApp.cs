using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Definitions;

/// <summary>
/// An app on a real Kestrel server (127.0.0.1, a free port) whose auth comes only from an imported export: its
/// endpoints carry no ApiAuth attribute or convention. The settings beside the definition give only what an export
/// cannot hold (the API's identity, the user pool's app client), and the kit supplies an IAM caller and tokens.
/// </summary>
internal sealed class DefinitionApp : IAsyncDisposable
{
    public const string ClientId = "petstore-client";

    private readonly WebApplication _app;

    private DefinitionApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "definitions", name);

    /// <summary>Builds the app (not started) so tests can also watch start-up fail.</summary>
    public static WebApplication Build(string definition, ApiAuthTestKit? kit, Action<ApiAuthOptions>? configure = null, Action<WebApplication>? map = null, bool registerAuthorizers = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var apiAuth = builder.Services.AddApiAuth(options =>
        {
            options.ApiId = "abc123";
            var pool = new AuthorizerOptions();
            pool.AppClientIds.Add(ClientId);
            options.Authorizers["cognito-pool"] = pool;
            configure?.Invoke(options);
        }).AddDefinition(Fixture(definition));
        if (registerAuthorizers)
        {
            apiAuth.AddCustomAuthorizer<PetStoreTokenAuthorizer>("test-authorizer").AddCustomAuthorizer<PetStoreRequestAuthorizer>("request_authorizer_header_query");
        }
        if (kit is not null)
        {
            builder.Services.AddApiAuthTestKit(kit);
        }
        var app = builder.Build();
        if (map is not null)
        {
            map(app);
        }
        else
        {
            foreach (var path in new[] { "/", "/pets", "/pets/{petId}", "/profile", "/reports", "/admin", "/blocked", "/files/{**rest}", "/unlisted" })
            {
                app.MapGet(path, Describe);
            }
            app.MapPost("/pets", Describe);
            app.MapDelete("/files/{**rest}", Describe);
        }
        return app;
    }

    public static async Task<DefinitionApp> StartAsync(string definition, ApiAuthTestKit? kit, Action<ApiAuthOptions>? configure = null, Action<WebApplication>? map = null,
        bool registerAuthorizers = true)
    {
        var app = Build(definition, kit, configure, map, registerAuthorizers);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DefinitionApp(app, new Uri(address));
    }

    public HttpClient Client(DelegatingHandler? handler = null)
    {
        if (handler is null)
        {
            return new HttpClient { BaseAddress = Address };
        }
        handler.InnerHandler = new HttpClientHandler();
        return new HttpClient(handler) { BaseAddress = Address };
    }

    private static IResult Describe(HttpContext context) => Results.Json(new
    {
        principalId = context.GetApiAuthDecision()?.PrincipalId,
        authType = context.GetApiAuthDecision()?.AuthorizationType.ToString(),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The export's token authorizer "test-authorizer" (validation expression ^x-[a-z]+).</summary>
internal sealed class PetStoreTokenAuthorizer : ICustomAuthorizer
{
    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.AuthorizationToken switch
        {
            "x-allow" => Policy("token-user", "Allow", request.MethodArn!),
            "x-deny" => Policy("token-user", "Deny", request.MethodArn!),
            _ => CustomAuthorizerResponse.Unauthorized,
        });

    internal static CustomAuthorizerResponse Policy(string principalId, string effect, string methodArn) => new()
    {
        PrincipalID = principalId,
        PolicyDocument = new AuthorizerPolicyDocument
        {
            Statement = [new AuthorizerPolicyStatement { Effect = effect, Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { methodArn } }],
        },
    };
}

/// <summary>The export's request authorizer on header HeaderAuth1 and query QueryString1.</summary>
internal sealed class PetStoreRequestAuthorizer : ICustomAuthorizer
{
    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
        Task.FromResult((request.QueryStringParameters is { } query && query.TryGetValue("QueryString1", out var key) && key == "open-sesame")
            ? PetStoreTokenAuthorizer.Policy((request.Headers is { } headers && headers.TryGetValue("HeaderAuth1", out var tenant) ? tenant : "?"), "Allow", request.MethodArn!)
            : PetStoreTokenAuthorizer.Policy("nobody", "Deny", request.MethodArn!));
}
