using System.Net;
using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.UsagePlans;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.UsagePlans;

/// <summary>An API with a NONE method that requires an API key, keys in configuration and a clock the test moves.</summary>
internal sealed class UsagePlanFixture
{
    public const string GoldValue = "gold-key-0123456789abcdef";
    public const string BasicValue = "basic-key-0123456789abcdef";
    public const string DisabledValue = "disabled-key-0123456789abc";
    public const string OrphanValue = "orphan-key-0123456789abcde";

    public static readonly RestApiReference Api = new("us-east-1", "123456789012", "api123");

    public static readonly MethodAuthorization KeyedNone = MethodAuthorization.None with { ApiKeyRequired = true };

    public UsagePlanFixture(DateTimeOffset now, params UsagePlan[] plans)
    {
        Time = new FakeTimeProvider(now);
        Plans = plans.Length > 0 ? plans : [new UsagePlan("basic")];
        Keys =
        [
            new ApiKey("gold", GoldValue, enabled: true, ["gold"]),
            new ApiKey("basic", BasicValue, enabled: true, ["basic"]),
            new ApiKey("disabled", DisabledValue, enabled: false, ["basic"]),
            new ApiKey("orphan", OrphanValue, enabled: true, ["some-other-api-plan"]),
        ];
    }

    public FakeTimeProvider Time { get; }

    public UsagePlan[] Plans { get; }

    public ApiKey[] Keys { get; }

    public ApiGateway Gateway(ApiKeySource source = ApiKeySource.Header, IApiKeyStore? store = null, IGatewayAuthorizers? authorizers = null, string? resourcePolicy = null) =>
        new(Api, "prod", null, resourcePolicy is null ? null : PolicyCompiler.Load(resourcePolicy, new PolicyCompileOptions("resource policy", PolicyKind.Resource, Api)).Policy, authorizers, Time) { UsagePlanEnforcer = new UsagePlanEnforcer(Plans, Keys, store, source, Time) };

    public static GatewayRequest Request(string? apiKey, string method = "GET", string path = "/pets", string? resource = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "example.com") };
        if (apiKey is not null)
        {
            headers.Add(new("x-api-key", apiKey));
        }
        return new GatewayRequest(method, path, path, headers) { SourceIp = IPAddress.Parse("203.0.113.7"), Resource = resource ?? path };
    }
}
