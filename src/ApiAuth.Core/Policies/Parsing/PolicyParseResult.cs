namespace ApiAuth.Policies.Parsing;

/// <summary>The outcome of parsing: the policy when it is well formed, and every finding either way.</summary>
internal sealed class PolicyParseResult
{
    internal PolicyParseResult(PolicyDocument? policy, IReadOnlyList<PolicyFinding> findings)
    {
        Policy = policy;
        Findings = findings;
    }

    /// <summary>Whether the policy has no errors (it may have warnings).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;

    /// <summary>The policy, or <see langword="null"/> when there were errors: a malformed policy is never half-used.</summary>
    public PolicyDocument? Policy { get; }

    /// <summary>Errors and warnings, in document order.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }
}
