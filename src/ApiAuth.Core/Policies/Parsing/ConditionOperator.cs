namespace ApiAuth.Policies.Parsing;

/// <summary>
/// A parsed condition operator: the base operator plus the optional <c>ForAllValues:</c>/<c>ForAnyValue:</c> prefix
/// and <c>IfExists</c> suffix.
/// </summary>
internal sealed record ConditionOperator
{
    private const string IfExistsSuffix = "IfExists";

    private ConditionOperator(string name, ConditionOperatorKind kind, SetQualifier qualifier, bool ifExists)
    {
        Name = name;
        Kind = kind;
        Qualifier = qualifier;
        IfExists = ifExists;
    }

    /// <summary>The operator as written in the policy.</summary>
    public string Name { get; }

    /// <summary>The base operator.</summary>
    public ConditionOperatorKind Kind { get; }

    /// <summary>The set prefix, if any.</summary>
    public SetQualifier Qualifier { get; }

    /// <summary>Whether the <c>IfExists</c> suffix makes the condition true when the key is absent.</summary>
    public bool IfExists { get; }

    /// <summary>
    /// Whether the operator is negated: a request value satisfies it when it matches none of the policy values,
    /// and an absent key satisfies it.
    /// </summary>
    public bool IsNegated => Kind is ConditionOperatorKind.StringNotEquals or ConditionOperatorKind.StringNotEqualsIgnoreCase
        or ConditionOperatorKind.StringNotLike or ConditionOperatorKind.NumericNotEquals or ConditionOperatorKind.DateNotEquals
        or ConditionOperatorKind.NotIpAddress or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnNotLike;

    /// <summary>Whether policy variables may appear in the values (string and ARN operators only, as in AWS).</summary>
    public bool AllowsPolicyVariables => Kind is ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringNotEquals
        or ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase
        or ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike or ConditionOperatorKind.ArnEquals
        or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnLike or ConditionOperatorKind.ArnNotLike;

    /// <summary>
    /// Parses an operator name such as <c>ForAnyValue:StringLikeIfExists</c>. Operator names compare
    /// case-insensitively; <c>Null</c> takes neither a set prefix nor <c>IfExists</c>.
    /// </summary>
    /// <param name="name">The operator as written.</param>
    /// <param name="op">The parsed operator.</param>
    /// <returns><see langword="true"/> for a known operator.</returns>
    public static bool TryParse(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConditionOperator? op)
    {
        op = null;
        ArgumentNullException.ThrowIfNull(name);
        var rest = name.AsSpan();
        var qualifier = SetQualifier.None;
        if (rest.StartsWith("ForAllValues:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }
        else if (rest.StartsWith("ForAnyValue:", StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        var ifExists = rest.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase);
        if (ifExists)
        {
            rest = rest[..^IfExistsSuffix.Length];
        }
        // Enum.TryParse would also accept numbers and comma lists; only exact names are operators.
        foreach (var kind in Enum.GetValues<ConditionOperatorKind>())
        {
            if (rest.Equals(kind.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                if (kind == ConditionOperatorKind.Null && (ifExists || qualifier != SetQualifier.None))
                {
                    return false;
                }
                op = new ConditionOperator(name, kind, qualifier, ifExists);
                return true;
            }
        }
        return false;
    }
}
