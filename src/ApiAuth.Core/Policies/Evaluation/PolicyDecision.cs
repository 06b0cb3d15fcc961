namespace ApiAuth.Policies.Evaluation;

/// <summary>The outcome of evaluating policies. The default value is <see cref="ImplicitDeny"/>, so it fails closed.</summary>
public enum PolicyDecision
{
    /// <summary>No statement allowed the request.</summary>
    ImplicitDeny,

    /// <summary>A statement allowed the request and none denied it.</summary>
    Allow,

    /// <summary>A Deny statement matched; it overrides every allow.</summary>
    ExplicitDeny,
}
