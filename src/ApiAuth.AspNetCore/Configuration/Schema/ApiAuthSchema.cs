using Microsoft.Extensions.Configuration;
using static ApiAuth.AspNetCore.Configuration.Schema.SettingShape;

namespace ApiAuth.AspNetCore.Configuration.Schema;

/// <summary>
/// Every key the <c>ApiAuth</c> section accepts. A key that is not here, a value of the wrong type and a setting
/// that does not apply to its authorizer's kind stop the app, each reported with its full path.
/// </summary>
internal static class ApiAuthSchema
{
    private static readonly string[] TokenAuthorizers = ["COGNITO_USER_POOLS", "JWT"];

    /// <summary>An IAM access key (<c>ApiAuth:Credentials:n</c>).</summary>
    public static readonly SectionShape Credential = new(
    [
        new("AccessKeyId", Text),
        new("SecretAccessKey", Text),
        new("SessionToken", Text),
        new("PrincipalArn", Text),
        new("UserId", Text),
        new("Tags", MapOf(Text)),
        new("Policies", ListOf(Document)),
    ]);

    /// <summary>An authorizer (<c>ApiAuth:Authorizers:name</c>); its <c>Type</c> decides which settings apply.</summary>
    public static readonly SectionShape Authorizer = new(
    [
        new("Type", Text),
        new("UserPoolId", Text, ["COGNITO_USER_POOLS"]),
        new("AppClientIds", ListOf(Text), ["COGNITO_USER_POOLS"]),
        new("Issuer", Text, ["JWT"]),
        new("Audiences", ListOf(Text), ["JWT"]),
        new("JwksFile", Text, TokenAuthorizers),
        new("JwksUri", Text, TokenAuthorizers),
        new("IdentitySource", Text),
        new("IdentityValidationExpression", Text, ["TOKEN"]),
        new("ResultTtlInSeconds", Integer),
    ], kindKey: "Type");

    /// <summary>A gateway response override (<c>ApiAuth:GatewayResponses:TYPE</c>).</summary>
    public static readonly SectionShape GatewayResponse = new(
    [
        new("StatusCode", Integer),
        new("Headers", MapOf(Text)),
        new("BodyTemplate", Text),
    ]);

    /// <summary>A route's auth (<c>ApiAuth:Routes:METHOD /path</c>).</summary>
    public static readonly SectionShape Route = new(
    [
        new("AuthorizationType", Text),
        new("Authorizer", Text),
        new("AuthorizationScopes", ListOf(Text)),
        new("ApiKeyRequired", Flag),
    ]);

    /// <summary>An API key (<c>ApiAuth:ApiKeys:n</c>).</summary>
    public static readonly SectionShape ApiKey = new(
    [
        new("Id", Text),
        new("Value", Text),
        new("Enabled", Flag),
        new("UsagePlans", ListOf(Text)),
    ]);

    /// <summary>A throttle (<c>ApiAuth:UsagePlans:name:Throttle</c> and <c>...:MethodThrottle:METHOD /path</c>).</summary>
    public static readonly SectionShape Throttle = new(
    [
        new("RateLimit", Number),
        new("BurstLimit", Integer),
    ]);

    /// <summary>A quota (<c>ApiAuth:UsagePlans:name:Quota</c>).</summary>
    public static readonly SectionShape Quota = new(
    [
        new("Limit", Integer),
        new("Period", Text),
        new("Offset", Integer),
    ]);

    /// <summary>A usage plan (<c>ApiAuth:UsagePlans:name</c>).</summary>
    public static readonly SectionShape UsagePlan = new(
    [
        new("Throttle", Throttle),
        new("Quota", Quota),
        new("MethodThrottle", MapOf(Throttle)),
    ]);

    /// <summary>The whole <c>ApiAuth</c> section.</summary>
    public static readonly SectionShape Root = new(
    [
        new("Region", Text),
        new("AccountId", Text),
        new("ApiId", Text),
        new("Stage", Text),
        new("ResourcePolicy", Document),
        new("ResourcePolicyFile", Text),
        new("StageVariables", MapOf(Text)),
        new("Credentials", ListOf(Credential)),
        new("Authorizers", MapOf(Authorizer)),
        new("Routes", MapOf(Route)),
        new("GatewayResponses", MapOf(GatewayResponse)),
        new("MaxBodySize", LongInteger),
        new("TrustedProxies", ListOf(Text)),
        new("ForwardedForHeader", Text),
        new("SourceVpceHeader", Text),
        new("SourceVpcHeader", Text),
        new("ClockSkew", Duration),
        new("AllowUnsignedPayload", Flag),
        new("BaseDirectory", Text),
        new("ApiKeySource", Text),
        new("ApiKeys", ListOf(ApiKey)),
        new("UsagePlans", MapOf(UsagePlan)),
        new("Redis", Text),
        new("OnRedisFailure", Text),
        new("Definition", Text),
        new("UnmatchedRoutes", Text),
        new("Ignore", ListOf(Text)),
    ]);

    /// <summary>Every problem in <paramref name="section"/>, in the order configuration lists the keys.</summary>
    public static List<string> Check(IConfiguration section)
    {
        var problems = new List<string>();
        Root.CheckSettings(section, section is IConfigurationSection { Path: var path } ? path : "", problems);
        return problems;
    }
}
