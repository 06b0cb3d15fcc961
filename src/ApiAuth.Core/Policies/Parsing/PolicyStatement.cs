namespace ApiAuth.Policies.Parsing;

/// <summary>One statement of a policy document.</summary>
internal sealed class PolicyStatement
{
    internal PolicyStatement(
        int index,
        string path,
        string? sid,
        PolicyEffect effect,
        PrincipalBlock? principal,
        PatternBlock action,
        PatternBlock resource,
        IReadOnlyList<PolicyCondition> conditions)
    {
        Index = index;
        Path = path;
        Sid = sid;
        Effect = effect;
        Principal = principal;
        Action = action;
        Resource = resource;
        Conditions = conditions;
    }

    /// <summary>The statement's zero-based position in the document.</summary>
    public int Index { get; }

    /// <summary>The JSON path of the statement, e.g. <c>$.Statement[1]</c>.</summary>
    public string Path { get; }

    /// <summary>The optional statement id.</summary>
    public string? Sid { get; }

    /// <summary>Allow or Deny.</summary>
    public PolicyEffect Effect { get; }

    /// <summary>The <c>Principal</c> or <c>NotPrincipal</c> block; <see langword="null"/> in identity policies.</summary>
    public PrincipalBlock? Principal { get; }

    /// <summary>The <c>Action</c> or <c>NotAction</c> block.</summary>
    public PatternBlock Action { get; }

    /// <summary>The <c>Resource</c> or <c>NotResource</c> block.</summary>
    public PatternBlock Resource { get; }

    /// <summary>The conditions; all must hold for the statement to apply.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; }
}
