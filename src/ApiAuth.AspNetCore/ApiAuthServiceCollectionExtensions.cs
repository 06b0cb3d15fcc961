using ApiAuth.AspNetCore;
using ApiAuth.AspNetCore.Authentication;
using ApiAuth.AspNetCore.Authorization;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.Http;
using ApiAuth.AspNetCore.Responses;
using ApiAuth.AspNetCore.Routing;
using ApiAuth.AspNetCore.Telemetry;
using ApiAuth.AspNetCore.TestHooks;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ApiAuth with ASP.NET Core authentication and authorization.</summary>
public static class ApiAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds ApiAuth, configured from <paramref name="configuration"/> (the <c>ApiAuth</c> section, or null for none)
    /// and then <paramref name="configure"/>. The configuration is validated when the app starts.
    /// </summary>
    public static ApiAuthBuilder AddApiAuth(this IServiceCollection services, IConfiguration? configuration, Action<ApiAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ApiAuthOptions>();
        if (configuration is not null)
        {
            options.Configure(o => ApiAuthOptionsBinder.Bind(configuration, o));
        }
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiAuthOptions>, ApiAuthOptionsValidator>());
        options.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        // Users can add handlers (proxies, resilience) to the JWKS client: services.AddHttpClient(ApiAuthDefaults.JwksHttpClientName)....
        services.AddHttpClient(ApiAuthDefaults.JwksHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddMetrics();
        services.TryAddSingleton(sp => new ApiAuthMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IGatewayAuthorizers>(sp => GatewayAuthorizersFactory.Create(
            sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value,
            sp,
            sp.GetRequiredService<TimeProvider>(),
            ContentRoot(sp),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ApiAuthDefaults.JwksHttpClientName)));
        services.TryAddSingleton(sp =>
        {
            var apiAuthOptions = sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value;
            var testHooks = sp.GetService<IApiAuthTestHooks>();
            // The authorizers' problems, the test kit's and the rest of the API's come in one start-up error.
            IGatewayAuthorizers? authorizers = null;
            IEnumerable<string> authorizerProblems = testHooks?.Attach(apiAuthOptions) ?? [];
            try
            {
                authorizers = sp.GetService<IGatewayAuthorizers>();
            }
            catch (OptionsValidationException exception)
            {
                authorizerProblems = authorizerProblems.Concat(exception.Failures);
            }
            authorizerProblems = authorizerProblems.Concat(sp.GetRequiredService<ConfiguredRoutes>().Problems);
            return ApiGatewayFactory.Create(apiAuthOptions, authorizers, authorizerProblems, sp.GetRequiredService<TimeProvider>(), ContentRoot(sp), testHooks?.Credentials,
                sp.GetService<ApiAuth.UsagePlans.IApiKeyStore>(),
                errors => sp.GetRequiredService<ApiAuth.AspNetCore.Redis.RedisSetup>().Counters(apiAuthOptions, errors));
        });
        services.TryAddSingleton(sp => new GatewayRequestReader(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value));
        services.TryAddSingleton(sp => new GatewayResponseWriter(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value));
        services.TryAddSingleton<ApiAuthDecisionService>();
        services.TryAddSingleton<ApiAuth.AspNetCore.Redis.RedisSetup>();
        services.TryAddSingleton(sp => new ConfiguredRoutes(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ConfiguredRouteMatcherPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ApiAuthRequirementHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApiAuthStartupValidation>());
        services.AddAuthentication().AddScheme<ApiAuthSchemeOptions, ApiAuthenticationHandler>(ApiAuthDefaults.AuthenticationScheme, null);
        services.AddAuthorization(authorization => authorization.AddPolicy(ApiAuthDefaults.PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiAuthDefaults.AuthenticationScheme)
            .AddRequirements(ApiAuthRequirement.Instance)));
        return new ApiAuthBuilder(services);
    }

    // Where relative files (resource policy, JWKS) are found unless ApiAuth:BaseDirectory says otherwise.
    private static string ContentRoot(IServiceProvider services) =>
        services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;

    /// <summary>Adds ApiAuth configured in code only.</summary>
    public static ApiAuthBuilder AddApiAuth(this IServiceCollection services, Action<ApiAuthOptions> configure) => services.AddApiAuth(null, configure);
}

/// <summary>Further ApiAuth registrations (custom authorizers).</summary>
/// <param name="Services">The service collection.</param>
public sealed record ApiAuthBuilder(IServiceCollection Services)
{
    /// <summary>
    /// Registers the code of a TOKEN or REQUEST authorizer under <paramref name="name"/>; its type, identity sources
    /// and cache TTL come from <c>ApiAuth:Authorizers:{name}</c>.
    /// </summary>
    public ApiAuthBuilder AddCustomAuthorizer<TAuthorizer>(string name)
        where TAuthorizer : class, ApiAuth.Authorizers.Custom.ICustomAuthorizer
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.AddKeyedSingleton<ApiAuth.Authorizers.Custom.ICustomAuthorizer, TAuthorizer>(name);
        Services.AddSingleton(new CustomAuthorizerName(name));
        return this;
    }
}

/// <summary>Builds the gateway when the app starts, so configuration mistakes stop the app with a clear message.</summary>
internal sealed class ApiAuthStartupValidation(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ApiGateway>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
