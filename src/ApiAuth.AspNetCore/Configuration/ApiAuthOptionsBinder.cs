using ApiAuth.AspNetCore.Configuration.Schema;
using Microsoft.Extensions.Configuration;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Binds <see cref="ApiAuthOptions"/> from configuration, keeping policy documents as JSON. The section is checked
/// against <see cref="ApiAuthSchema"/> first; with any problem nothing is bound, and the problems stop the app.
/// </summary>
internal static class ApiAuthOptionsBinder
{
    public static void Bind(IConfiguration section, ApiAuthOptions options)
    {
        var problems = ApiAuthSchema.Check(section);
        if (problems.Count > 0)
        {
            options.ConfigurationProblems.AddRange(problems);
            return;
        }
        options.Region = section["Region"] ?? options.Region;
        options.AccountId = section["AccountId"] ?? options.AccountId;
        options.ApiId = section["ApiId"] ?? options.ApiId;
        if (section["Stage"] is { } stage)
        {
            options.Stage = stage;
        }
        options.ResourcePolicy = ConfigurationJson.ToJson(section.GetSection("ResourcePolicy")) ?? options.ResourcePolicy;
        options.ResourcePolicyFile = section["ResourcePolicyFile"] ?? options.ResourcePolicyFile;
        options.ForwardedForHeader = section["ForwardedForHeader"] ?? options.ForwardedForHeader;
        options.SourceVpceHeader = section["SourceVpceHeader"] ?? options.SourceVpceHeader;
        options.SourceVpcHeader = section["SourceVpcHeader"] ?? options.SourceVpcHeader;
        options.BaseDirectory = section["BaseDirectory"] ?? options.BaseDirectory;
        options.ApiKeySource = section["ApiKeySource"] ?? options.ApiKeySource;
        options.Redis = section["Redis"] ?? options.Redis;
        options.OnRedisFailure = section["OnRedisFailure"] ?? options.OnRedisFailure;
        options.Definition = section["Definition"] ?? options.Definition;
        options.UnmatchedRoutes = section["UnmatchedRoutes"] ?? options.UnmatchedRoutes;
        foreach (var item in section.GetSection("Ignore").GetChildren())
        {
            options.Ignore.Add(item.Value ?? "");
        }
        if (section.GetValue<long?>("MaxBodySize") is { } maxBody)
        {
            options.MaxBodySize = maxBody;
        }
        if (section.GetValue<bool?>("AllowUnsignedPayload") is { } allowUnsigned)
        {
            options.AllowUnsignedPayload = allowUnsigned;
        }
        if (section.GetValue<TimeSpan?>("ClockSkew") is { } skew)
        {
            options.ClockSkew = skew;
        }
        foreach (var variable in section.GetSection("StageVariables").GetChildren())
        {
            options.StageVariables[variable.Key] = variable.Value ?? "";
        }
        foreach (var proxy in section.GetSection("TrustedProxies").GetChildren())
        {
            options.TrustedProxies.Add(proxy.Value ?? "");
        }

        foreach (var child in section.GetSection("Credentials").GetChildren())
        {
            var credential = new CredentialOptions
            {
                AccessKeyId = child["AccessKeyId"] ?? "",
                SecretAccessKey = child["SecretAccessKey"] ?? "",
                SessionToken = child["SessionToken"],
                PrincipalArn = child["PrincipalArn"] ?? "",
                UserId = child["UserId"],
            };
            foreach (var tag in child.GetSection("Tags").GetChildren())
            {
                credential.Tags[tag.Key] = tag.Value ?? "";
            }
            foreach (var policy in child.GetSection("Policies").GetChildren())
            {
                credential.Policies.Add(ConfigurationJson.ToJson(policy)!);
            }
            options.Credentials.Add(credential);
        }

        foreach (var child in section.GetSection("Authorizers").GetChildren())
        {
            var authorizer = new AuthorizerOptions
            {
                Type = child["Type"] ?? "",
                UserPoolId = child["UserPoolId"],
                Issuer = child["Issuer"],
                JwksFile = child["JwksFile"],
                JwksUri = child["JwksUri"],
                IdentitySource = child["IdentitySource"],
                IdentityValidationExpression = child["IdentityValidationExpression"],
            };
            // Set only when given: an unset TTL leaves a definition's in place.
            if (child.GetValue<int?>("ResultTtlInSeconds") is { } ttl)
            {
                authorizer.ResultTtlInSeconds = ttl;
            }
            foreach (var id in child.GetSection("AppClientIds").GetChildren())
            {
                authorizer.AppClientIds.Add(id.Value ?? "");
            }
            foreach (var audience in child.GetSection("Audiences").GetChildren())
            {
                authorizer.Audiences.Add(audience.Value ?? "");
            }
            options.Authorizers[child.Key] = authorizer;
        }

        foreach (var child in section.GetSection("Routes").GetChildren())
        {
            var route = new RouteAuthorizationOptions
            {
                AuthorizationType = child["AuthorizationType"] ?? "",
                Authorizer = child["Authorizer"],
                ApiKeyRequired = child.GetValue("ApiKeyRequired", false),
            };
            foreach (var scope in child.GetSection("AuthorizationScopes").GetChildren())
            {
                route.AuthorizationScopes.Add(scope.Value ?? "");
            }
            options.Routes[child.Key] = route;
        }

        foreach (var child in section.GetSection("ApiKeys").GetChildren())
        {
            var key = new ApiKeyOptions { Id = child["Id"] ?? "", Value = child["Value"] ?? "", Enabled = child.GetValue("Enabled", true) };
            foreach (var plan in child.GetSection("UsagePlans").GetChildren())
            {
                key.UsagePlans.Add(plan.Value ?? "");
            }
            options.ApiKeys.Add(key);
        }

        foreach (var child in section.GetSection("UsagePlans").GetChildren())
        {
            var plan = new UsagePlanOptions { Throttle = BindThrottle(child.GetSection("Throttle")) };
            var quota = child.GetSection("Quota");
            if (quota.Exists())
            {
                plan.Quota = new QuotaOptions { Limit = quota.GetValue("Limit", 0), Period = quota["Period"] ?? "", Offset = quota.GetValue("Offset", 0) };
            }
            foreach (var method in child.GetSection("MethodThrottle").GetChildren())
            {
                plan.MethodThrottle[method.Key] = BindThrottle(method) ?? new ThrottleOptions();
            }
            options.UsagePlans[child.Key] = plan;
        }

        foreach (var child in section.GetSection("GatewayResponses").GetChildren())
        {
            var response = new GatewayResponseOptions { StatusCode = child.GetValue<int?>("StatusCode"), BodyTemplate = child["BodyTemplate"] };
            foreach (var header in child.GetSection("Headers").GetChildren())
            {
                response.Headers[header.Key] = header.Value ?? "";
            }
            options.GatewayResponses[child.Key] = response;
        }
    }

    // RateLimit reads with the invariant culture: "0.5" is half a request per second on every machine.
    private static ThrottleOptions? BindThrottle(IConfigurationSection section) => section.Exists()
        ? new ThrottleOptions
        {
            RateLimit = section["RateLimit"] is { Length: > 0 } rate ? double.Parse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture) : 0,
            BurstLimit = section.GetValue("BurstLimit", 0),
        }
        : null;
}
