namespace ApiAuth.Authorizers.Custom;

/// <summary>One statement of an authorizer policy, shaped like Amazon.Lambda.APIGatewayEvents' <c>IAMPolicyStatement</c>.</summary>
public sealed class AuthorizerPolicyStatement
{
    /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
    public required string Effect { get; init; }

    /// <summary>Actions, normally <c>execute-api:Invoke</c>.</summary>
    public ISet<string> Action { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Method ARNs, with <c>*</c> and <c>?</c> wildcards.</summary>
    public ISet<string> Resource { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Optional conditions: operator → condition key → value (a string, number, boolean or a list of them).</summary>
    public IDictionary<string, IDictionary<string, object>>? Condition { get; init; }
}
