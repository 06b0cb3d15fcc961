using ApiAuth.Policies.Compilation;

namespace ApiAuth.Policies.Evaluation;

/// <summary>How one statement fared against a request.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Applies">Whether every element and condition matched.</param>
/// <param name="Reason">Why it did not apply (the first element or condition that failed); null when it applies.</param>
public sealed record StatementOutcome(CompiledStatement Statement, bool Applies, string? Reason)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Applies ? $"{Statement.Label} ({Statement.Effect}): applies" : $"{Statement.Label} ({Statement.Effect}): does not apply: {Reason}";
}
