using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A validated policy in evaluation form: immutable and safe to share between threads. <see cref="Evaluate"/> is the
/// hot path (no allocation); <see cref="Explain"/> says why each statement did or did not apply.
/// </summary>
public sealed class CompiledPolicy
{
    // Below this many statements a plain scan beats hashing the resource's prefixes.
    private const int IndexThreshold = 8;

    private readonly CompiledStatement[] _denies;
    private readonly CompiledStatement[] _allows;
    private readonly StatementIndex? _index;

    internal CompiledPolicy(string name, PolicyKind kind, IReadOnlyList<CompiledStatement> statements)
    {
        Name = name;
        Kind = kind;
        Statements = statements;
        _denies = [.. statements.Where(s => s.Effect == PolicyEffect.Deny)];
        _allows = [.. statements.Where(s => s.Effect == PolicyEffect.Allow)];
        if (statements.Count > IndexThreshold)
        {
            _index = new StatementIndex(statements);
        }
    }

    /// <summary>The policy's name, used in statement labels and decisions.</summary>
    public string Name { get; }

    /// <summary>Identity or resource policy.</summary>
    public PolicyKind Kind { get; }

    /// <summary>The statements in document order.</summary>
    public IReadOnlyList<CompiledStatement> Statements { get; }

    /// <summary>
    /// Evaluates the request: an applying Deny gives <see cref="PolicyDecision.ExplicitDeny"/>, otherwise an applying
    /// Allow gives <see cref="PolicyDecision.Allow"/>, otherwise <see cref="PolicyDecision.ImplicitDeny"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision and a deciding statement.</returns>
    public PolicyEvaluation Evaluate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_index is not null)
        {
            return _index.Evaluate(request);
        }
        var deny = FirstMatch(_denies, request);
        if (deny is not null)
        {
            return new PolicyEvaluation(PolicyDecision.ExplicitDeny, deny);
        }
        var allow = FirstMatch(_allows, request);
        return allow is null ? default : new PolicyEvaluation(PolicyDecision.Allow, allow);
    }

    /// <summary>
    /// Whether an applying Allow names the caller itself rather than only its account (see
    /// <see cref="CompiledStatement.NamesCallerDirectly"/>); used for same-account IAM callers.
    /// </summary>
    internal bool AllowsCallerDirectly(PolicyRequest request) =>
        _allows.Any(s => s.Matches(request) && s.NamesCallerDirectly(request.Principal));

    /// <summary>Evaluates every statement and says why each did or did not apply.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision with every statement's outcome.</returns>
    public PolicyExplanation Explain(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcomes = Statements.Select(s => s.Mismatch(request, explain: true) is { } reason
            ? new StatementOutcome(s, false, reason)
            : new StatementOutcome(s, true, null)).ToList();
        var decision = outcomes.Exists(o => o.Applies && o.Statement.Effect == PolicyEffect.Deny) ? PolicyDecision.ExplicitDeny
            : outcomes.Exists(o => o.Applies) ? PolicyDecision.Allow
            : PolicyDecision.ImplicitDeny;
        return new PolicyExplanation(decision, outcomes);
    }

    private static CompiledStatement? FirstMatch(CompiledStatement[] statements, PolicyRequest request)
    {
        foreach (var statement in statements)
        {
            if (statement.Matches(request))
            {
                return statement;
            }
        }
        return null;
    }
}
