using ApiAuth.Policies.Compilation;

namespace ApiAuth.Policies.Evaluation;

/// <summary>The result of evaluating one policy: the decision and a statement that decided it. Allocation-free.</summary>
/// <param name="Decision">Allow, explicit deny or implicit deny.</param>
/// <param name="Statement">A statement that decided (a Deny for explicit deny, an Allow for allow); null for implicit deny.</param>
public readonly record struct PolicyEvaluation(PolicyDecision Decision, CompiledStatement? Statement);
