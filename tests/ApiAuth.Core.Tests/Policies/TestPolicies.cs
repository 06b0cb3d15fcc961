using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Core.Tests.Policies;

/// <summary>Short ways to build policies and requests in tests.</summary>
internal static class TestPolicies
{
    public const string Account = "123456789012";
    public const string OtherAccount = "111122223333";
    public const string Alice = "arn:aws:iam::123456789012:user/alice";

    public static readonly RestApiReference Api = new("us-east-1", Account, "a1b2c3d4e5");

    public static string MethodArn(string method = "GET", string path = "/pets", string stage = "prod") =>
        ApiAuth.Arns.MethodArn.Build(Api, stage, method, path);

    public static CompiledPolicy Identity(string json, string name = "identity") => Load(json, new PolicyCompileOptions(name, PolicyKind.Identity));

    public static CompiledPolicy Resource(string json) => Load(json, new PolicyCompileOptions("resourcePolicy", PolicyKind.Resource, Api));

    /// <summary>An identity policy with one statement, the given effect, action, resource and condition block.</summary>
    public static CompiledPolicy Statement(string effect = "Allow", string action = "\"execute-api:Invoke\"", string resource = "\"*\"", string? condition = null, string version = "2012-10-17") =>
        Identity($$"""
            {"Version": "{{version}}", "Statement": {"Effect": "{{effect}}", "Action": {{action}}, "Resource": {{resource}}{{(condition is null ? "" : ", \"Condition\": " + condition)}} } }
            """);

    public static PolicyRequest Request(string principal = Alice, string action = "execute-api:Invoke", string? resource = null, params (string Key, string[] Values)[] context) =>
        new(RequestPrincipal.Parse(principal), action, resource ?? MethodArn(),
            RequestContext.CreateMultiValued(context.Select(c => new KeyValuePair<string, IReadOnlyList<string>>(c.Key, c.Values))));

    public static PolicyRequest WithContext(params (string Key, string Value)[] context) =>
        Request(context: [.. context.Select(c => (c.Key, new[] { c.Value }))]);

    public static PolicyDecision Decide(CompiledPolicy policy, PolicyRequest request) => policy.Evaluate(request).Decision;

    /// <summary>Whether a one-statement Allow policy with this condition block allows the request.</summary>
    public static bool ConditionHolds(string condition, PolicyRequest request) =>
        Decide(Statement(condition: condition), request) == PolicyDecision.Allow;

    private static CompiledPolicy Load(string json, PolicyCompileOptions options)
    {
        var result = PolicyCompiler.Load(json, options);
        Assert.That(result.IsValid, Is.True, () => result.ErrorMessage);
        return result.Policy!;
    }
}
