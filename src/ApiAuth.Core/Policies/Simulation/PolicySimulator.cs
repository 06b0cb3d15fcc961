using System.Collections.Immutable;
using System.Text;
using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Policies.Simulation;

/// <summary>
/// Lets an application's own tests ask, in one line, whether API Gateway would let a caller through:
/// <code>
/// var api = new PolicySimulator(new RestApiReference("us-east-1", "123456789012", "a1b2c3"), "prod", resourcePolicyJson)
///     .WithIdentityPolicies("arn:aws:iam::123456789012:user/alice", alicePolicyJson);
/// var result = api.Check("arn:aws:iam::123456789012:user/alice", "GET", "/pets/1", sourceIp: "203.0.113.7");
/// Assert.That(result.IsAllowed, result.Explanation);
/// </code>
/// Immutable: the <c>With...</c> methods return new simulators. Invalid policies throw at construction with their
/// findings, since they are mistakes in the test, not outcomes to assert on.
/// </summary>
public sealed class PolicySimulator
{
    private readonly ImmutableDictionary<string, ImmutableList<CompiledPolicy>> _identityPolicies;
    private readonly TimeProvider _time;

    /// <summary>Creates a simulator for one API stage.</summary>
    /// <param name="api">The API.</param>
    /// <param name="stage">The stage.</param>
    /// <param name="resourcePolicyJson">The API's resource policy, or null for none.</param>
    /// <param name="timeProvider">The clock for <c>aws:CurrentTime</c> and <c>aws:EpochTime</c>; null for the system clock.</param>
    /// <exception cref="ArgumentException">The resource policy has errors.</exception>
    public PolicySimulator(RestApiReference api, string stage, string? resourcePolicyJson = null, TimeProvider? timeProvider = null)
        : this(api, stage, resourcePolicyJson is null ? null : Load(resourcePolicyJson, new PolicyCompileOptions("resourcePolicy", PolicyKind.Resource, api)),
            ImmutableDictionary<string, ImmutableList<CompiledPolicy>>.Empty, timeProvider ?? TimeProvider.System)
    {
    }

    private PolicySimulator(RestApiReference api, string stage, CompiledPolicy? resourcePolicy, ImmutableDictionary<string, ImmutableList<CompiledPolicy>> identityPolicies, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrEmpty(stage);
        Api = api;
        Stage = stage;
        ResourcePolicy = resourcePolicy;
        _identityPolicies = identityPolicies;
        _time = time;
    }

    /// <summary>The API.</summary>
    public RestApiReference Api { get; }

    /// <summary>The stage calls go to.</summary>
    public string Stage { get; }

    /// <summary>The compiled resource policy, or null.</summary>
    public CompiledPolicy? ResourcePolicy { get; }

    /// <summary>Adds identity policies for an IAM caller.</summary>
    /// <param name="principalArn">The caller's ARN.</param>
    /// <param name="policyJson">The caller's identity policies.</param>
    /// <returns>A simulator with the policies added.</returns>
    /// <exception cref="ArgumentException">A policy has errors.</exception>
    public PolicySimulator WithIdentityPolicies(string principalArn, params string[] policyJson)
    {
        ArgumentNullException.ThrowIfNull(policyJson);
        var principal = RequestPrincipal.Parse(principalArn);
        var existing = _identityPolicies.GetValueOrDefault(principal.DisplayName, []);
        var added = policyJson.Select((json, i) => Load(json, new PolicyCompileOptions($"{principal.Name ?? principalArn}/policy{existing.Count + i}", PolicyKind.Identity)));
        return new PolicySimulator(Api, Stage, ResourcePolicy, _identityPolicies.SetItem(principal.DisplayName, existing.AddRange(added)), _time);
    }

    /// <summary>Simulates one call.</summary>
    /// <param name="principal">The caller: <c>anonymous</c> or an IAM/STS ARN.</param>
    /// <param name="httpMethod">The HTTP method.</param>
    /// <param name="path">The request path, e.g. <c>/pets/1</c>.</param>
    /// <param name="sourceIp">The caller's address (<c>aws:SourceIp</c>), if the policies care.</param>
    /// <param name="context">Further condition keys; they override derived ones. As on API Gateway, which serves HTTPS only,
    /// <c>aws:SecureTransport</c> is <c>true</c> unless set here; <c>aws:CurrentTime</c> and <c>aws:EpochTime</c> come from the clock.</param>
    /// <param name="authorizationType">The method's auth type; AWS_IAM for IAM callers and NONE for anonymous ones when null.</param>
    /// <returns>The decision and its explanation.</returns>
    public SimulationResult Check(string principal, string httpMethod, string path, string? sourceIp = null,
        IReadOnlyDictionary<string, string>? context = null, AuthorizationType? authorizationType = null)
    {
        var caller = RequestPrincipal.Parse(principal);
        var request = BuildRequest(caller, httpMethod, path, sourceIp, context);
        var identity = _identityPolicies.GetValueOrDefault(caller.DisplayName, []);
        var type = authorizationType ?? (caller.Type == CallerType.Anonymous ? AuthorizationType.None : AuthorizationType.AwsIam);
        var decision = Decide(type, request, identity, ResourcePolicy);
        return new SimulationResult(decision, request.Resource, Explain(request, httpMethod, path, type, decision, identity, ResourcePolicy));
    }

    private PolicyRequest BuildRequest(RequestPrincipal caller, string httpMethod, string path, string? sourceIp, IReadOnlyDictionary<string, string>? context)
    {
        var named = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (sourceIp is not null)
        {
            named["aws:SourceIp"] = [sourceIp];
        }
        foreach (var (key, value) in context ?? new Dictionary<string, string>())
        {
            named[key] = [value];
        }
        var keys = GatewayContextKeys.ForSimulation(caller, _time.GetUtcNow(), secureTransport: true, named);
        return new PolicyRequest(caller, PolicyRequest.InvokeAction, MethodArn.Build(Api, Stage, httpMethod, path), keys);
    }

    /// <summary>
    /// Simulates a CUSTOM (Lambda authorizer) method: the resource policy is checked for an explicit Deny before the
    /// authorizer would run, then the policy the authorizer returned is combined with the resource policy.
    /// </summary>
    /// <param name="authorizerPolicyJson">The <c>policyDocument</c> the authorizer returns for this caller.</param>
    /// <param name="httpMethod">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    /// <param name="sourceIp">The caller's address, if the policies care.</param>
    /// <param name="context">Further condition keys.</param>
    /// <returns>The decision and its explanation.</returns>
    /// <exception cref="ArgumentException">The authorizer policy has errors.</exception>
    public SimulationResult CheckWithAuthorizer(string authorizerPolicyJson, string httpMethod, string path, string? sourceIp = null,
        IReadOnlyDictionary<string, string>? context = null)
    {
        var authorizerPolicy = Load(authorizerPolicyJson, new PolicyCompileOptions("authorizerPolicy", PolicyKind.Identity));
        var request = BuildRequest(RequestPrincipal.Anonymous, httpMethod, path, sourceIp, context);
        var decision = GatewayAuthorization.CheckBeforeAuthorizer(request, ResourcePolicy)
            ?? GatewayAuthorization.AuthorizeWithAuthorizerPolicy(request, authorizerPolicy, ResourcePolicy);
        return new SimulationResult(decision, request.Resource,
            Explain(request, httpMethod, path, AuthorizationType.Custom, decision, [authorizerPolicy], ResourcePolicy));
    }

    internal static AuthorizationDecision Decide(AuthorizationType type, PolicyRequest request, IReadOnlyList<CompiledPolicy> identity, CompiledPolicy? resourcePolicy) =>
        type switch
        {
            AuthorizationType.AwsIam => GatewayAuthorization.AuthorizeIam(request, identity, resourcePolicy),
            AuthorizationType.None or AuthorizationType.CognitoUserPools => GatewayAuthorization.AuthorizeResourcePolicyOnly(request, resourcePolicy),
            _ => throw new ArgumentException("CUSTOM needs the authorizer's policy; use CheckWithAuthorizer.", nameof(type)),
        };

    private static string Explain(PolicyRequest request, string method, string path, AuthorizationType type, AuthorizationDecision decision,
        IReadOnlyList<CompiledPolicy> identity, CompiledPolicy? resourcePolicy)
    {
        var text = new StringBuilder();
        var ip = request.Context.GetValues("aws:SourceIp");
        text.Append($"{method.ToUpperInvariant()} {path} by {request.Principal.DisplayName}{(ip.Count > 0 ? " from " + ip[0] : string.Empty)} ({AwsName(type)}) => {decision}");
        text.AppendLine().Append($"  resource: {request.Resource}");
        var resourceView = type == AuthorizationType.AwsIam ? request : request.WithPrincipal(RequestPrincipal.Anonymous);
        if (type is AuthorizationType.AwsIam or AuthorizationType.Custom)
        {
            foreach (var policy in identity)
            {
                AppendPolicy(text, policy, request);
            }
            if (identity.Count == 0)
            {
                text.AppendLine().Append("  (no identity policies for this caller)");
            }
        }
        if (resourcePolicy is null)
        {
            text.AppendLine().Append("  (no resource policy)");
        }
        else
        {
            AppendPolicy(text, resourcePolicy, resourceView);
        }
        return text.ToString();
    }

    private static string AwsName(AuthorizationType type) => type switch
    {
        AuthorizationType.AwsIam => "AWS_IAM",
        AuthorizationType.Custom => "CUSTOM",
        AuthorizationType.CognitoUserPools => "COGNITO_USER_POOLS",
        _ => "NONE",
    };

    private static void AppendPolicy(StringBuilder text, CompiledPolicy policy, PolicyRequest request)
    {
        var explanation = policy.Explain(request);
        text.AppendLine().Append($"  {policy.Name}: {explanation.Decision}");
        foreach (var outcome in explanation.Outcomes)
        {
            text.AppendLine().Append($"    {outcome}");
        }
    }

    private static CompiledPolicy Load(string json, PolicyCompileOptions options)
    {
        var result = PolicyCompiler.Load(json, options);
        return result.IsValid ? result.Policy : throw new ArgumentException($"Policy '{options.Name}' is invalid: {result.ErrorMessage}", nameof(json));
    }
}
