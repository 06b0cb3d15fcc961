using System.Diagnostics.Metrics;
using ApiAuth.AspNetCore.Telemetry;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Gateway;
using ApiAuth.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>Gives the model's authorizers their implementations: keys from the JWKS client, custom authorizers from DI.</summary>
internal static class GatewayAuthorizersFactory
{
    public static GatewayAuthorizers Create(ApiModel model, IServiceProvider services, TimeProvider time, HttpClient jwksClient)
    {
        // Only AddApiAuthTestKit registers hooks: outside tests the authorizers are exactly the configured ones.
        var testHooks = services.GetService<TestHooks.IApiAuthTestHooks>();
        var errors = new List<string>();
        var cognito = new Dictionary<string, CognitoUserPoolAuthorizer>(StringComparer.Ordinal);
        var jwt = new Dictionary<string, JwtAuthorizer>(StringComparer.Ordinal);
        var custom = new List<CustomAuthorizerRegistration>();
        var tokenHeaders = new Dictionary<string, string>(StringComparer.Ordinal);
        var meter = services.GetRequiredService<ApiAuthMetrics>().Meter;
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var jwksLogger = loggers.CreateLogger<JwksSource>();

        foreach (var (name, authorizer) in model.Authorizers)
        {
            try
            {
                if (authorizer.TokenHeader is { } header)
                {
                    tokenHeaders[name] = header;
                }
                switch (authorizer.Kind)
                {
                    case AuthorizerKind.CognitoUserPools:
                        cognito[name] = new CognitoUserPoolAuthorizer(authorizer.Cognito!, Keys(authorizer, jwksClient, time, meter, jwksLogger, testHooks), time, meter);
                        break;
                    case AuthorizerKind.Jwt:
                        jwt[name] = new JwtAuthorizer(authorizer.Jwt!, Keys(authorizer, jwksClient, time, meter, jwksLogger, testHooks), time, meter);
                        break;
                    default:
                        var implementation = services.GetKeyedService<ICustomAuthorizer>(name);
                        if (testHooks is not null)
                        {
                            implementation = testHooks.CustomAuthorizer(name, implementation);
                        }
                        if (implementation is null)
                        {
                            errors.Add($"{authorizer.Origin} is a {authorizer.Custom!.Type.ToString().ToUpperInvariant()} authorizer named '{name}', but no implementation is registered under that name: call AddApiAuth(...).AddCustomAuthorizer<T>(\"{name}\").");
                            continue;
                        }
                        custom.Add(new CustomAuthorizerRegistration(authorizer.Custom!, implementation));
                        break;
                }
            }
            catch (Exception exception) when (exception is ArgumentException or IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
            {
                errors.Add($"{authorizer.Origin}: {exception.Message}");
            }
        }
        foreach (var name in services.GetServices<CustomAuthorizerName>().Select(n => n.Name).Where(n => !model.Authorizers.ContainsKey(n)))
        {
            errors.Add($"A custom authorizer is registered as '{name}', but ApiAuth:Authorizers has no '{name}' entry saying its Type (TOKEN or REQUEST) and IdentitySource.");
        }
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), errors);
        }

        var invoker = custom.Count == 0 ? null : new CustomAuthorizerInvoker(custom, new EngineAuthorizerPolicyCompiler(model.Api), time, meter: meter, logger: loggers.CreateLogger<CustomAuthorizerInvoker>());
        return new GatewayAuthorizers(cognito, jwt, invoker, custom.Select(c => c.Definition.Name),
            new CustomAuthorizerRequestContext { AccountId = model.Api.AccountId, ApiId = model.Api.ApiId, Stage = model.Stage },
            tokenHeaders);
    }

    private static JwksSource Keys(ApiAuthorizer authorizer, HttpClient client, TimeProvider time, Meter meter, ILogger logger, TestHooks.IApiAuthTestHooks? testHooks)
    {
        var keys = authorizer.JwksFile is { } file ? JwksSource.FromFile(file) : JwksSource.FromUri(authorizer.JwksUri!, client, time, meter, logger);
        // The kit's keys first: its kids are its own, and an offline test then never waits on the issuer's endpoint.
        return testHooks is null ? keys : JwksSource.Combine(testHooks.SigningKeys, keys);
    }
}

/// <summary>Marks a custom authorizer registered in DI by name, so configuration can be checked against it.</summary>
internal sealed record CustomAuthorizerName(string Name);
