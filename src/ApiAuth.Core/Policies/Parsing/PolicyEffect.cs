namespace ApiAuth.Policies.Parsing;

/// <summary>A statement's <c>Effect</c>.</summary>
public enum PolicyEffect
{
    /// <summary><c>"Allow"</c>.</summary>
    Allow,

    /// <summary><c>"Deny"</c>: an explicit deny, which overrides every allow.</summary>
    Deny,
}
