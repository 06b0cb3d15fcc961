using System.Diagnostics.Metrics;
using ApiAuth.Arns;
using ApiAuth.AspNetCore.Telemetry;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>Builds the API's authorizers from configuration and the custom authorizers registered in DI.</summary>
internal static class GatewayAuthorizersFactory
{
    public static GatewayAuthorizers Create(ApiAuthOptions options, IServiceProvider services, TimeProvider time, string contentRoot, HttpClient jwksClient)
    {
        // Only AddApiAuthTestKit registers hooks: outside tests the authorizers are exactly the configured ones.
        var testHooks = services.GetService<TestHooks.IApiAuthTestHooks>();
        var errors = new List<string>();
        var cognito = new Dictionary<string, CognitoUserPoolAuthorizer>(StringComparer.Ordinal);
        var jwt = new Dictionary<string, JwtAuthorizer>(StringComparer.Ordinal);
        var custom = new List<CustomAuthorizerRegistration>();
        var tokenHeaders = new Dictionary<string, string>(StringComparer.Ordinal);
        var baseDirectory = options.BaseDirectory ?? contentRoot;
        var meter = services.GetRequiredService<ApiAuthMetrics>().Meter;
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var jwksLogger = loggers.CreateLogger<JwksSource>();

        foreach (var (name, authorizer) in options.Authorizers)
        {
            var where = authorizer.Source ?? $"ApiAuth:Authorizers:{name}";
            try
            {
                switch (authorizer.Type.ToUpperInvariant())
                {
                    case "COGNITO_USER_POOLS":
                        if (string.IsNullOrWhiteSpace(authorizer.UserPoolId) || authorizer.AppClientIds.Count == 0)
                        {
                            errors.Add($"{where} needs UserPoolId and at least one AppClientIds entry.");
                            continue;
                        }
                        AddTokenHeader(name, authorizer, tokenHeaders);
                        cognito[name] = new CognitoUserPoolAuthorizer(
                            new CognitoUserPoolAuthorizerOptions
                            {
                                UserPoolId = authorizer.UserPoolId, AppClientIds = [.. authorizer.AppClientIds], ResultTtl = TokenResultTtl(authorizer),
                            },
                            Keys(authorizer, baseDirectory, CognitoUserPoolAuthorizer.JwksUriFor(authorizer.UserPoolId), jwksClient, time, meter, jwksLogger, testHooks),
                            time,
                            meter);
                        break;
                    case "JWT":
                        if (string.IsNullOrWhiteSpace(authorizer.Issuer) || authorizer.Audiences.Count == 0)
                        {
                            errors.Add($"{where} needs Issuer and at least one Audiences entry.");
                            continue;
                        }
                        AddTokenHeader(name, authorizer, tokenHeaders);
                        jwt[name] = new JwtAuthorizer(
                            new JwtAuthorizerOptions { Issuer = authorizer.Issuer, Audiences = [.. authorizer.Audiences], ResultTtl = TokenResultTtl(authorizer) },
                            Keys(authorizer, baseDirectory, JwtAuthorizer.JwksUriFor(authorizer.Issuer), jwksClient, time, meter, jwksLogger, testHooks),
                            time,
                            meter);
                        break;
                    case "TOKEN" or "REQUEST":
                        var implementation = services.GetKeyedService<ICustomAuthorizer>(name);
                        if (testHooks is not null)
                        {
                            implementation = testHooks.CustomAuthorizer(name, implementation);
                        }
                        if (implementation is null)
                        {
                            errors.Add($"{where} is a {authorizer.Type} authorizer named '{name}', but no implementation is registered under that name: call AddApiAuth(...).AddCustomAuthorizer<T>(\"{name}\").");
                            continue;
                        }
                        var definition = authorizer.Type.Equals("TOKEN", StringComparison.OrdinalIgnoreCase)
                            ? CustomAuthorizerDefinition.Token(name, authorizer.IdentitySource ?? "method.request.header.Authorization", authorizer.IdentityValidationExpression, authorizer.ResultTtlInSeconds)
                            : CustomAuthorizerDefinition.Request(name, authorizer.IdentitySource ?? "", authorizer.ResultTtlInSeconds);
                        custom.Add(new CustomAuthorizerRegistration(definition, implementation));
                        break;
                    default:
                        errors.Add($"{where}:Type must be COGNITO_USER_POOLS, JWT, TOKEN or REQUEST, got '{authorizer.Type}'.");
                        break;
                }
            }
            catch (Exception exception) when (exception is ArgumentException or IOException or FormatException or InvalidOperationException)
            {
                errors.Add($"{where}: {exception.Message}");
            }
        }
        foreach (var name in services.GetServices<CustomAuthorizerName>().Select(n => n.Name).Where(n => !options.Authorizers.ContainsKey(n)))
        {
            errors.Add($"A custom authorizer is registered as '{name}', but ApiAuth:Authorizers has no '{name}' entry saying its Type (TOKEN or REQUEST) and IdentitySource.");
        }
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), errors);
        }

        var api = new RestApiReference(options.Region, options.AccountId, options.ApiId);
        var invoker = custom.Count == 0 ? null : new CustomAuthorizerInvoker(custom, new EngineAuthorizerPolicyCompiler(api), time, meter: meter, logger: loggers.CreateLogger<CustomAuthorizerInvoker>());
        return new GatewayAuthorizers(cognito, jwt, invoker, custom.Select(c => c.Definition.Name),
            new CustomAuthorizerRequestContext { AccountId = options.AccountId, ApiId = options.ApiId, Stage = options.Stage },
            tokenHeaders);
    }

    // A token authorizer's identity source must be one header (API Gateway allows nothing else for Cognito).
    private static void AddTokenHeader(string name, AuthorizerOptions authorizer, Dictionary<string, string> tokenHeaders)
    {
        if (string.IsNullOrWhiteSpace(authorizer.IdentitySource))
        {
            return;
        }
        var source = IdentitySource.Parse(authorizer.IdentitySource.Trim());
        if (source.Kind != IdentitySourceKind.Header)
        {
            throw new ArgumentException($"IdentitySource of a {authorizer.Type} authorizer must be method.request.header.<name>, got '{authorizer.IdentitySource}'.");
        }
        tokenHeaders[name] = source.Name;
    }

    // The same range and message as a TOKEN/REQUEST authorizer's TTL; 0 turns the Cognito/JWT result cache off.
    private static TimeSpan TokenResultTtl(AuthorizerOptions authorizer) =>
        authorizer.ResultTtlInSeconds is >= 0 and <= 3600
            ? TimeSpan.FromSeconds(authorizer.ResultTtlInSeconds)
            : throw new ArgumentOutOfRangeException("ResultTtlInSeconds", authorizer.ResultTtlInSeconds, "The result TTL must be between 0 and 3600 seconds (0 turns caching off).");

    private static JwksSource Keys(AuthorizerOptions authorizer, string baseDirectory, Uri defaultUri, HttpClient client, TimeProvider time, Meter meter, ILogger logger, TestHooks.IApiAuthTestHooks? testHooks)
    {
        var keys = AppKeys(authorizer, baseDirectory, defaultUri, client, time, meter, logger);
        // The kit's keys first: its kids are its own, and an offline test then never waits on the issuer's endpoint.
        return testHooks is null ? keys : JwksSource.Combine(testHooks.SigningKeys, keys);
    }

    private static JwksSource AppKeys(AuthorizerOptions authorizer, string baseDirectory, Uri defaultUri, HttpClient client, TimeProvider time, Meter meter, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(authorizer.JwksFile))
        {
            return JwksSource.FromFile(Path.Combine(baseDirectory, authorizer.JwksFile));
        }
        return JwksSource.FromUri(string.IsNullOrWhiteSpace(authorizer.JwksUri) ? defaultUri : new Uri(authorizer.JwksUri), client, time, meter, logger);
    }
}

/// <summary>Marks a custom authorizer registered in DI by name, so configuration can be checked against it.</summary>
internal sealed record CustomAuthorizerName(string Name);
