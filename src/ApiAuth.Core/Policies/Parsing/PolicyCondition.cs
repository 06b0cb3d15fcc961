namespace ApiAuth.Policies.Parsing;

/// <summary>One operator/key pair of a <c>Condition</c> block with its values (which OR together).</summary>
internal sealed class PolicyCondition
{
    internal PolicyCondition(ConditionOperator @operator, string key, IReadOnlyList<string> values, string path)
    {
        Operator = @operator;
        Key = key;
        Values = values;
        Path = path;
    }

    /// <summary>The operator, e.g. <c>ForAnyValue:StringLikeIfExists</c>.</summary>
    public ConditionOperator Operator { get; }

    /// <summary>The condition key as written; compared case-insensitively.</summary>
    public string Key { get; }

    /// <summary>The policy values as text (JSON numbers and booleans are kept as their text).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The JSON path of the key, e.g. <c>$.Statement[0].Condition.IpAddress['aws:SourceIp']</c>.</summary>
    public string Path { get; }
}
