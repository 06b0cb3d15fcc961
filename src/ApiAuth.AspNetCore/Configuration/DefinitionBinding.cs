using ApiAuth.Definitions;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Puts an API definition (<see cref="ApiAuthOptions.Definition"/>) into the options, as if its routes, authorizers,
/// resource policy and gateway responses had been configured, so the rest of the pipeline is unchanged. The settings
/// beside it complete it (JWKS, app client ids, a TTL override); a setting that contradicts it, a refused item not in
/// <see cref="ApiAuthOptions.Ignore"/> and every fault of the file are start-up errors, all reported together.
/// </summary>
internal static class DefinitionBinding
{
    public static void Apply(ApiAuthOptions options, string contentRoot)
    {
        var problems = options.ConfigurationProblems;
        if (options.Definition is null)
        {
            if (options.Ignore.Count > 0 || options.UnmatchedRoutes != ApiAuthOptions.UnmatchedRoutesMissingAuthenticationToken)
            {
                problems.Add("ApiAuth:Ignore and ApiAuth:UnmatchedRoutes apply only with ApiAuth:Definition.");
            }
            return;
        }
        if (options.UnmatchedRoutes is not (ApiAuthOptions.UnmatchedRoutesMissingAuthenticationToken or ApiAuthOptions.UnmatchedRoutesPassThrough))
        {
            problems.Add($"ApiAuth:UnmatchedRoutes must be {ApiAuthOptions.UnmatchedRoutesMissingAuthenticationToken} or {ApiAuthOptions.UnmatchedRoutesPassThrough}, got '{options.UnmatchedRoutes}'.");
        }
        var file = Path.GetFullPath(Path.Combine(options.BaseDirectory ?? contentRoot, options.Definition));
        var where = $"ApiAuth:Definition ({file})";
        ApiDefinition definition;
        try
        {
            definition = OpenApiDefinitionReader.Load(file);
        }
        catch (Exception exception) when (exception is DefinitionFormatException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{where} cannot be read: {exception.Message}");
            return;
        }

        foreach (var error in definition.Errors)
        {
            problems.Add($"{where} {error}");
        }
        foreach (var refused in definition.Unaccepted(options.Ignore))
        {
            problems.Add($"{where} {refused} Accept it as not enforced with \"Ignore\": [\"{refused.Item}\"].");
        }
        foreach (var unused in options.Ignore.Where(item => !definition.Refused.Any(f => f.Item == item || f.Path == item)))
        {
            problems.Add($"ApiAuth:Ignore: '{unused}' names nothing the definition asks for.");
        }

        if (definition.Stage is { } stage)
        {
            if (options.StageIsSet && options.Stage != stage)
            {
                problems.Add($"ApiAuth:Stage is '{options.Stage}' but the definition's base path names stage '{stage}'; remove one.");
            }
            options.Stage = stage;
        }
        foreach (var authorizer in definition.Authorizers.Values)
        {
            MergeAuthorizer(options, authorizer, file, problems);
        }
        foreach (var route in definition.Routes)
        {
            var key = $"{route.Method} {route.Path}";
            if (options.Routes.ContainsKey(key))
            {
                problems.Add($"ApiAuth:Routes:{key} and the definition's {route.Source} set the same route; remove one.");
                continue;
            }
            var options2 = new RouteAuthorizationOptions
            {
                AuthorizationType = route.AuthorizationType, Authorizer = route.Authorizer, ApiKeyRequired = route.ApiKeyRequired, Source = $"the definition's {route.Source} ({key})",
            };
            foreach (var scope in route.Scopes)
            {
                options2.AuthorizationScopes.Add(scope);
            }
            options.Routes[key] = options2;
        }
        if (definition.ApiKeySource is { } keySource)
        {
            // The default (HEADER) gives way to the export; another explicit choice contradicts it.
            if (!string.Equals(options.ApiKeySource, "HEADER", StringComparison.OrdinalIgnoreCase) && !string.Equals(options.ApiKeySource, keySource, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"ApiAuth:ApiKeySource is {options.ApiKeySource} but the definition's $.x-amazon-apigateway-api-key-source is {keySource}; remove one.");
            }
            options.ApiKeySource = keySource;
        }
        if (definition.ResourcePolicy is { } policy)
        {
            if (!string.IsNullOrWhiteSpace(options.ResourcePolicy) || !string.IsNullOrWhiteSpace(options.ResourcePolicyFile))
            {
                problems.Add("ApiAuth:ResourcePolicy (or ResourcePolicyFile) and the definition's $.x-amazon-apigateway-policy both set the resource policy; remove one.");
            }
            options.ResourcePolicy = policy;
        }
        foreach (var (type, response) in definition.GatewayResponses)
        {
            if (options.GatewayResponses.ContainsKey(type))
            {
                problems.Add($"ApiAuth:GatewayResponses:{type} and the definition's $.x-amazon-apigateway-gateway-responses.{type} both set it; remove one.");
                continue;
            }
            var options2 = new GatewayResponseOptions { StatusCode = response.StatusCode, BodyTemplate = response.BodyTemplate };
            foreach (var (name, value) in response.Headers)
            {
                options2.Headers[name] = value;
            }
            options.GatewayResponses[type] = options2;
        }
    }

    // An ApiAuth:Authorizers entry of the same name completes the definition's: it may leave Type out, and may add
    // what a definition cannot hold (JWKS, app client ids, a TTL override), but never say something else.
    private static void MergeAuthorizer(ApiAuthOptions options, DefinitionAuthorizer authorizer, string file, List<string> problems)
    {
        var source = $"the definition's {authorizer.Source} ({Path.GetFileName(file)})";
        if (!options.Authorizers.TryGetValue(authorizer.Name, out var configured))
        {
            configured = new AuthorizerOptions();
            options.Authorizers[authorizer.Name] = configured;
        }
        var where = $"ApiAuth:Authorizers:{authorizer.Name}";
        configured.Type = Merge(configured.Type, authorizer.Type, "Type") ?? "";
        configured.IdentitySource = Merge(configured.IdentitySource, authorizer.IdentitySource, "IdentitySource");
        configured.IdentityValidationExpression = Merge(configured.IdentityValidationExpression, authorizer.IdentityValidationExpression, "IdentityValidationExpression");
        configured.UserPoolId = Merge(configured.UserPoolId, authorizer.UserPoolId, "UserPoolId");
        if (!configured.ResultTtlIsSet && authorizer.ResultTtlInSeconds is { } ttl)
        {
            configured.ResultTtlInSeconds = ttl;
        }
        configured.Source = source;

        string? Merge(string? setting, string? fromDefinition, string name)
        {
            if (string.IsNullOrWhiteSpace(setting))
            {
                return fromDefinition ?? setting;
            }
            if (fromDefinition is not null && !string.Equals(setting.Trim(), fromDefinition, name == "Type" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                problems.Add($"{where}:{name} is '{setting}' but {source} says '{fromDefinition}'; leave it out or make them agree.");
            }
            return setting;
        }
    }
}
