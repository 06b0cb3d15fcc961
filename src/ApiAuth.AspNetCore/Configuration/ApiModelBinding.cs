using ApiAuth.Model;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Hands the bound <see cref="ApiAuthOptions"/> to Core's <see cref="ApiModelBuilder"/>, which checks the API whole;
/// the adapter itself checks only what is its own (proxies, headers, DI registrations).
/// </summary>
internal static class ApiModelBinding
{
    public static ApiModelBuild Build(ApiAuthOptions options, string contentRoot)
    {
        var builder = new ApiModelBuilder(ApiAuthDefaults.ConfigurationSection)
        {
            Region = options.Region,
            AccountId = options.AccountId,
            ApiId = options.ApiId,
            Stage = options.Stage,
            ResourcePolicy = options.ResourcePolicy,
            ResourcePolicyFile = options.ResourcePolicyFile,
            BaseDirectory = options.BaseDirectory ?? contentRoot,
            ClockSkew = options.ClockSkew,
            AllowUnsignedPayload = options.AllowUnsignedPayload,
            MaxBodySize = options.MaxBodySize,
        };
        foreach (var (name, value) in options.StageVariables)
        {
            builder.StageVariables[name] = value;
        }
        foreach (var credential in options.Credentials)
        {
            var settings = new CredentialSettings
            {
                AccessKeyId = credential.AccessKeyId, SecretAccessKey = credential.SecretAccessKey, SessionToken = credential.SessionToken,
                PrincipalArn = credential.PrincipalArn, UserId = credential.UserId,
            };
            Copy(credential.Tags, settings.Tags);
            Copy(credential.Policies, settings.Policies);
            builder.Credentials.Add(settings);
        }
        foreach (var (name, authorizer) in options.Authorizers)
        {
            var settings = new AuthorizerSettings
            {
                Type = authorizer.Type, UserPoolId = authorizer.UserPoolId, Issuer = authorizer.Issuer, JwksFile = authorizer.JwksFile, JwksUri = authorizer.JwksUri,
                IdentitySource = authorizer.IdentitySource, IdentityValidationExpression = authorizer.IdentityValidationExpression,
                ResultTtlInSeconds = authorizer.ResultTtlInSeconds, Origin = authorizer.Source,
            };
            Copy(authorizer.AppClientIds, settings.AppClientIds);
            Copy(authorizer.Audiences, settings.Audiences);
            builder.Authorizers[name] = settings;
        }
        foreach (var (key, route) in options.Routes)
        {
            var settings = new RouteSettings { AuthorizationType = route.AuthorizationType, Authorizer = route.Authorizer, ApiKeyRequired = route.ApiKeyRequired, Origin = route.Source };
            Copy(route.AuthorizationScopes, settings.AuthorizationScopes);
            builder.Routes[key] = settings;
        }
        foreach (var (type, response) in options.GatewayResponses)
        {
            var settings = new GatewayResponseSettings { StatusCode = response.StatusCode, BodyTemplate = response.BodyTemplate };
            Copy(response.Headers, settings.Headers);
            builder.GatewayResponses[type] = settings;
        }
        return builder.TryBuild(out var model, out var problems) ? new ApiModelBuild(model, []) : new ApiModelBuild(null, problems);
    }

    private static void Copy<T>(IEnumerable<T> from, ICollection<T> to)
    {
        foreach (var item in from)
        {
            to.Add(item);
        }
    }
}

/// <summary>The API model built from the options once per app, or the problems that kept it from being built.</summary>
internal sealed record ApiModelBuild(ApiModel? Model, IReadOnlyList<string> Problems);
