using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Gateway;

/// <summary>
/// The authorization step of API Gateway's pipeline for each auth type, combining identity-side and resource-policy
/// decisions per AWS "How API Gateway resource policies affect authorization workflow". Pure functions of their
/// inputs; the SigV4 and authorizer paths call them once they know the caller.
/// </summary>
internal static class GatewayAuthorization
{
    private static readonly IReadOnlyList<CompiledStatement> NoStatements = [];

    /// <summary>
    /// AWS_IAM: the caller's identity policies and the resource policy with IAM's logic — an explicit Deny anywhere
    /// denies; in the API owner's account either side may allow; across accounts both must. In the owner's account a
    /// resource-policy Allow that names only the caller's account (not <c>*</c> or the caller's ARN) delegates to the
    /// identity policies and does not allow on its own (AWS "Policy evaluation for requests within a single account").
    /// </summary>
    /// <param name="request">The SigV4 caller, <c>execute-api:Invoke</c>, the method ARN and the context keys.</param>
    /// <param name="identityPolicies">The caller's identity policies.</param>
    /// <param name="resourcePolicy">The API's resource policy, or null.</param>
    /// <returns>Allow, or 403 naming the caller's ARN.</returns>
    public static AuthorizationDecision AuthorizeIam(PolicyRequest request, IReadOnlyList<CompiledPolicy> identityPolicies, CompiledPolicy? resourcePolicy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(identityPolicies);
        // Loops rather than LINQ, and one array for every evaluation: this runs for every signed request.
        var evaluations = new PolicyEvaluation[identityPolicies.Count + 1];
        var identityDecision = PolicyDecision.ImplicitDeny;
        for (var i = 0; i < identityPolicies.Count; i++)
        {
            evaluations[i] = identityPolicies[i].Evaluate(request);
            identityDecision = PolicyCombination.Merge(identityDecision, evaluations[i].Decision);
        }
        var resource = resourcePolicy?.Evaluate(request) ?? default;
        var sameAccount = IsSameAccount(request);
        if (sameAccount && resource.Decision == PolicyDecision.Allow && identityDecision != PolicyDecision.Allow
            && !resourcePolicy!.AllowsCallerDirectly(request))
        {
            // Allowed only through an account principal: that delegates to identity policies, which did not allow.
            resource = default;
        }
        var decision = PolicyCombination.Combine(identityDecision, resource.Decision, sameAccount);
        evaluations[^1] = resource;
        var deciding = Deciding(decision, evaluations);
        return decision == PolicyDecision.Allow
            ? AuthorizationDecision.Allow(deciding)
            : AuthorizationDecision.AccessDenied(decision,
                AccessDeniedMessages.NotAuthorizedToInvoke(request.Principal.DisplayName, request.Resource, decision == PolicyDecision.ExplicitDeny), deciding);
    }

    /// <summary>
    /// NONE and COGNITO_USER_POOLS (after the token is accepted): the resource policy alone decides, for the anonymous
    /// caller. Without a resource policy the request is allowed; with one, it must explicitly allow.
    /// </summary>
    /// <param name="request">The method ARN and context keys (the principal is treated as anonymous).</param>
    /// <param name="resourcePolicy">The API's resource policy, or null.</param>
    /// <returns>Allow, or 403 "User: anonymous is not authorized ...".</returns>
    public static AuthorizationDecision AuthorizeResourcePolicyOnly(PolicyRequest request, CompiledPolicy? resourcePolicy)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (resourcePolicy is null)
        {
            return AuthorizationDecision.Allow(NoStatements);
        }
        var evaluation = resourcePolicy.Evaluate(Anonymous(request));
        return evaluation.Decision == PolicyDecision.Allow
            ? AuthorizationDecision.Allow([evaluation.Statement!])
            : ResourcePolicyDenied(request, evaluation);
    }

    /// <summary>
    /// CUSTOM, before invoking the authorizer: only an explicit Deny in the resource policy stops the request here.
    /// </summary>
    /// <param name="request">The method ARN and context keys (the principal is treated as anonymous).</param>
    /// <param name="resourcePolicy">The API's resource policy, or null.</param>
    /// <returns>The denial, or null to go on and invoke the authorizer.</returns>
    public static AuthorizationDecision? CheckBeforeAuthorizer(PolicyRequest request, CompiledPolicy? resourcePolicy)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CheckBeforeAuthorizer(request, resourcePolicy?.Evaluate(Anonymous(request)) ?? default);
    }

    /// <summary>The same check on a resource-policy evaluation already made for the anonymous view of the request.</summary>
    internal static AuthorizationDecision? CheckBeforeAuthorizer(PolicyRequest request, PolicyEvaluation resource) =>
        resource.Decision == PolicyDecision.ExplicitDeny ? ResourcePolicyDenied(request, resource) : null;

    /// <summary>
    /// CUSTOM, after the authorizer returned a policy: the authorizer's policy is the identity side, combined with the
    /// resource policy (same account: explicit Deny anywhere denies, an Allow on either side allows).
    /// </summary>
    /// <param name="request">The method ARN and context keys.</param>
    /// <param name="authorizerPolicy">The policy document the authorizer returned, compiled as an identity policy.</param>
    /// <param name="resourcePolicy">The API's resource policy, or null.</param>
    /// <returns>Allow, or 403 with the authorizer's or the resource policy's message.</returns>
    public static AuthorizationDecision AuthorizeWithAuthorizerPolicy(PolicyRequest request, CompiledPolicy authorizerPolicy, CompiledPolicy? resourcePolicy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorizerPolicy);
        return CombineWithAuthorizer(request, authorizerPolicy.Evaluate(request), resourcePolicy?.Evaluate(Anonymous(request)) ?? default);
    }

    /// <summary>
    /// The one CUSTOM combination, for the gateway and the simulator alike: the authorizer's policy evaluation is the
    /// identity side, the resource policy's (for the anonymous view) the other, in the API owner's account.
    /// </summary>
    internal static AuthorizationDecision CombineWithAuthorizer(PolicyRequest request, PolicyEvaluation authorizer, PolicyEvaluation resource)
    {
        var decision = PolicyCombination.Combine(authorizer.Decision, resource.Decision, sameAccount: true);
        var deciding = Deciding(decision, [authorizer, resource]);
        if (decision == PolicyDecision.Allow)
        {
            return AuthorizationDecision.Allow(deciding);
        }
        return resource.Decision == PolicyDecision.ExplicitDeny
            ? ResourcePolicyDenied(request, resource)
            : AuthorizationDecision.AccessDenied(decision, AccessDeniedMessages.AuthorizerDenied(decision == PolicyDecision.ExplicitDeny), deciding);
    }

    private static AuthorizationDecision ResourcePolicyDenied(PolicyRequest request, PolicyEvaluation evaluation)
    {
        var explicitDeny = evaluation.Decision == PolicyDecision.ExplicitDeny;
        return AuthorizationDecision.AccessDenied(
            explicitDeny ? PolicyDecision.ExplicitDeny : PolicyDecision.ImplicitDeny,
            AccessDeniedMessages.NotAuthorizedToInvoke("anonymous", request.Resource, explicitDeny),
            explicitDeny ? [evaluation.Statement!] : NoStatements);
    }

    private static PolicyRequest Anonymous(PolicyRequest request) =>
        request.Principal.Type == CallerType.Anonymous ? request : request.WithPrincipal(RequestPrincipal.Anonymous);

    private static IReadOnlyList<CompiledStatement> Deciding(PolicyDecision decision, ReadOnlySpan<PolicyEvaluation> evaluations)
    {
        if (decision == PolicyDecision.ImplicitDeny)
        {
            return NoStatements;
        }
        var count = 0;
        foreach (var evaluation in evaluations)
        {
            count += evaluation.Decision == decision && evaluation.Statement is not null ? 1 : 0;
        }
        var statements = new CompiledStatement[count];
        count = 0;
        foreach (var evaluation in evaluations)
        {
            if (evaluation.Decision == decision && evaluation.Statement is { } statement)
            {
                statements[count++] = statement;
            }
        }
        return statements;
    }

    // The API owner is the account in the method ARN; a resource that is not an ARN counts as another account,
    // which requires both sides to allow (fail closed).
    private static bool IsSameAccount(PolicyRequest request)
    {
        Span<Range> fields = stackalloc Range[Arn.FieldCount];
        return request.Principal.AccountId is { } account && Arn.TrySplit(request.Resource, fields)
            && request.Resource.AsSpan(fields[4]).SequenceEqual(account);
    }
}
