namespace ApiAuth.Policies.Evaluation;

/// <summary>A decision with every statement's outcome: what the explain path returns, for people and test failures.</summary>
public sealed class PolicyExplanation
{
    internal PolicyExplanation(PolicyDecision decision, IReadOnlyList<StatementOutcome> outcomes)
    {
        Decision = decision;
        Outcomes = outcomes;
        Deciding = decision switch
        {
            PolicyDecision.ExplicitDeny => [.. outcomes.Where(o => o.Applies && o.Statement.Effect == Parsing.PolicyEffect.Deny)],
            PolicyDecision.Allow => [.. outcomes.Where(o => o.Applies && o.Statement.Effect == Parsing.PolicyEffect.Allow)],
            _ => [],
        };
    }

    /// <summary>The decision.</summary>
    public PolicyDecision Decision { get; }

    /// <summary>Every statement's outcome, in policy order.</summary>
    public IReadOnlyList<StatementOutcome> Outcomes { get; }

    /// <summary>The statements that decided: all applying Deny statements, or all applying Allow statements.</summary>
    public IReadOnlyList<StatementOutcome> Deciding { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Decision}{Environment.NewLine}{string.Join(Environment.NewLine, Outcomes.Select(o => "  " + o))}";
}
