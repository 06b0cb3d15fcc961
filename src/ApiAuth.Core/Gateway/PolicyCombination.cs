using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Gateway;

/// <summary>
/// How an identity-side decision (IAM identity policies or a Lambda authorizer's policy) and the resource policy's
/// decision combine (AWS "Policy evaluation logic" and API Gateway's "Policy evaluation outcome tables"):
/// <code>
///  identity \ resource | Allow           | silent          | Deny
///  Allow               | Allow           | same: Allow     | ExplicitDeny
///                      |                 | cross: Implicit |
///  silent              | same: Allow     | ImplicitDeny    | ExplicitDeny
///                      | cross: Implicit |                 |
///  Deny                | ExplicitDeny    | ExplicitDeny    | ExplicitDeny
/// </code>
/// </summary>
internal static class PolicyCombination
{
    /// <summary>Combines the two sides.</summary>
    /// <param name="identity">The identity side's decision.</param>
    /// <param name="resource">The resource policy's decision.</param>
    /// <param name="sameAccount">Whether the caller is in the API owner's account; across accounts both sides must allow.</param>
    /// <returns>The combined decision.</returns>
    public static PolicyDecision Combine(PolicyDecision identity, PolicyDecision resource, bool sameAccount)
    {
        if (identity == PolicyDecision.ExplicitDeny || resource == PolicyDecision.ExplicitDeny)
        {
            return PolicyDecision.ExplicitDeny;
        }
        var allowed = sameAccount
            ? identity == PolicyDecision.Allow || resource == PolicyDecision.Allow
            : identity == PolicyDecision.Allow && resource == PolicyDecision.Allow;
        return allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }

    /// <summary>Combines two policies of one side: any Deny wins, then any Allow.</summary>
    /// <param name="first">One policy's decision.</param>
    /// <param name="second">The other's.</param>
    /// <returns>The side's decision.</returns>
    public static PolicyDecision Merge(PolicyDecision first, PolicyDecision second) =>
        first == PolicyDecision.ExplicitDeny || second == PolicyDecision.ExplicitDeny ? PolicyDecision.ExplicitDeny
        : first == PolicyDecision.Allow || second == PolicyDecision.Allow ? PolicyDecision.Allow
        : PolicyDecision.ImplicitDeny;

    /// <summary>Combines several policies of one side: any Deny wins, then any Allow.</summary>
    /// <param name="decisions">The policies' decisions.</param>
    /// <returns>The side's decision.</returns>
    public static PolicyDecision Merge(IEnumerable<PolicyDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var result = PolicyDecision.ImplicitDeny;
        foreach (var decision in decisions)
        {
            if (decision == PolicyDecision.ExplicitDeny)
            {
                return decision;
            }
            if (decision == PolicyDecision.Allow)
            {
                result = decision;
            }
        }
        return result;
    }
}
