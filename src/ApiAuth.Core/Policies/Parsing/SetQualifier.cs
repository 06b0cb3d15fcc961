namespace ApiAuth.Policies.Parsing;

/// <summary>The set operator prefix of a condition operator.</summary>
internal enum SetQualifier
{
    /// <summary>No prefix.</summary>
    None,

    /// <summary><c>ForAllValues:</c>: every request value must satisfy the operator; true when the key is absent or empty.</summary>
    ForAllValues,

    /// <summary><c>ForAnyValue:</c>: at least one request value must satisfy the operator; false when the key is absent.</summary>
    ForAnyValue,
}
