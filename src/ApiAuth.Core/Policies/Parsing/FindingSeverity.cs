namespace ApiAuth.Policies.Parsing;

/// <summary>How serious a finding is.</summary>
public enum FindingSeverity
{
    /// <summary>The policy is legal but probably not what its author meant.</summary>
    Warning,

    /// <summary>The policy is rejected; it is never evaluated.</summary>
    Error,
}
