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
using Microsoft.AspNetCore.Authentication;
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
        var registration = services.FirstOrDefault(d => d.ServiceType == typeof(ApiAuthRegistration))?.ImplementationInstance as ApiAuthRegistration;
        // A section is bound once however often it is passed: its credentials and policies must not be added twice.
        if (configuration is not null && (registration is null || registration.BoundSections.Add(configuration)))
        {
            options.Configure(o => ApiAuthOptionsBinder.Bind(configuration, o));
        }
        if (configure is not null)
        {
            options.Configure(configure);
        }
        if (registration is not null)
        {
            // Called again (services.AddApiAuth and AddAuthentication().AddApiAuth, say): the services are there already.
            return new ApiAuthBuilder(services);
        }
        registration = new ApiAuthRegistration();
        if (configuration is not null)
        {
            registration.BoundSections.Add(configuration);
        }
        services.AddSingleton(registration);
        // After every Configure: the definition is read with the final settings (BaseDirectory, Ignore, ...).
        options.PostConfigure<IServiceProvider>((o, sp) => DefinitionBinding.Apply(o, ContentRoot(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Hosting.IStartupFilter, DefinitionStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiAuthOptions>, ApiAuthOptionsValidator>());
        options.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        // Users can add handlers (proxies, resilience) to the JWKS client: services.AddHttpClient(ApiAuthDefaults.JwksHttpClientName)....
        services.AddHttpClient(ApiAuthDefaults.JwksHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddMetrics();
        services.TryAddSingleton(sp => new ApiAuthMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        // The API checked whole, once; its problems come with the adapter's in one start-up error.
        services.TryAddSingleton(sp => ApiModelBinding.Build(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value, ContentRoot(sp)));
        services.TryAddSingleton<IGatewayAuthorizers>(sp => GatewayAuthorizersFactory.Create(
            sp.GetRequiredService<ApiModelBuild>().Model ?? throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), sp.GetRequiredService<ApiModelBuild>().Problems),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ApiAuthDefaults.JwksHttpClientName)));
        services.TryAddSingleton(sp =>
        {
            var apiAuthOptions = sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value;
            var testHooks = sp.GetService<IApiAuthTestHooks>();
            var build = sp.GetRequiredService<ApiModelBuild>();
            IGatewayAuthorizers? authorizers = null;
            var problems = new List<string>(testHooks?.Attach(apiAuthOptions) ?? []);
            if (build.Model is not null)
            {
                try
                {
                    authorizers = sp.GetService<IGatewayAuthorizers>();
                }
                catch (OptionsValidationException exception)
                {
                    problems.AddRange(exception.Failures);
                }
            }
            return ApiGatewayFactory.Create(apiAuthOptions, build, authorizers, problems, sp.GetRequiredService<TimeProvider>(), testHooks?.Credentials,
                sp.GetService<ApiAuth.UsagePlans.IApiKeyStore>(),
                errors => sp.GetRequiredService<ApiAuth.AspNetCore.Redis.RedisSetup>().Counters(apiAuthOptions, errors));
        });
        services.TryAddSingleton(sp => new GatewayRequestReader(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value));
        services.TryAddSingleton(sp => new GatewayResponseWriter(sp.GetRequiredService<ApiModelBuild>()));
        services.TryAddSingleton<ApiAuthDecisionService>();
        services.TryAddSingleton<ApiAuth.AspNetCore.Redis.RedisSetup>();
        services.TryAddSingleton(sp => new ConfiguredRoutes(sp.GetRequiredService<IOptions<ApiAuthOptions>>().Value, sp.GetRequiredService<ApiModelBuild>()));
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

    /// <summary>
    /// Adds ApiAuth beside the app's other authentication schemes, as <c>AddJwtBearer</c> does: the same as
    /// <see cref="AddApiAuth(IServiceCollection, IConfiguration?, Action{ApiAuthOptions}?)"/>, and safe to call with it.
    /// </summary>
    /// <param name="builder">The app's authentication builder.</param>
    /// <param name="configuration">The <c>ApiAuth</c> section, or null.</param>
    /// <param name="configure">Settings in code, applied after the section.</param>
    /// <param name="configureScheme">The scheme's options, e.g. its <see cref="ApiAuthSchemeOptions.Events"/>.</param>
    /// <returns>The authentication builder.</returns>
    public static AuthenticationBuilder AddApiAuth(this AuthenticationBuilder builder, IConfiguration? configuration,
        Action<ApiAuthOptions>? configure = null, Action<ApiAuthSchemeOptions>? configureScheme = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var apiAuth = builder.Services.AddApiAuth(configuration, configure);
        if (configureScheme is not null)
        {
            apiAuth.ConfigureScheme(configureScheme);
        }
        return builder;
    }
}

/// <summary>Marks ApiAuth's services as registered, and remembers the sections already bound.</summary>
internal sealed class ApiAuthRegistration
{
    public HashSet<IConfiguration> BoundSections { get; } = new(ReferenceEqualityComparer.Instance);
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

    /// <summary>
    /// Enforces an API Gateway OpenAPI 3 / Swagger 2.0 export (JSON or YAML), as <c>"Definition"</c> in the
    /// <c>ApiAuth</c> section does: its routes' auth, authorizers, resource policy and gateway responses, with
    /// requests that match none of its routes answered 403 Missing Authentication Token.
    /// </summary>
    /// <param name="path">The file, relative to <c>ApiAuth:BaseDirectory</c> (default the content root).</param>
    /// <returns>This builder.</returns>
    public ApiAuthBuilder AddDefinition(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.Configure<ApiAuthOptions>(options => options.Definition = path);
        return this;
    }

    /// <summary>Configures the ApiAuth authentication scheme, e.g. its <see cref="ApiAuthSchemeOptions.Events"/>.</summary>
    /// <param name="configure">Changes to the scheme's options.</param>
    /// <returns>This builder.</returns>
    public ApiAuthBuilder ConfigureScheme(Action<ApiAuthSchemeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(ApiAuthDefaults.AuthenticationScheme, configure);
        return this;
    }
}

/// <summary>
/// Builds the gateway when the app starts, so configuration mistakes stop the app with a clear message; once the
/// web host has built the app's endpoints, checks that every configured route names one of them.
/// </summary>
internal sealed class ApiAuthStartupValidation(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ApiGateway>();
        return Task.CompletedTask;
    }

    // After every hosted service's StartAsync: the web host's (registered after this one) has built the endpoints.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // With a definition, its routes need no endpoint each: a request to one the app lacks is authorized, then 404.
        if (services.GetService<EndpointDataSource>() is { } endpoints && services.GetRequiredService<ConfiguredRoutes>() is { IsEmpty: false, HasDefinition: false } routes &&
            routes.Unmatched(endpoints.Endpoints).ToList() is { Count: > 0 } unmatched)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), unmatched);
        }
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
