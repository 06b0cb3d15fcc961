using System.Collections.Concurrent;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// A custom authorizer's validated answer: principal, compiled policy, context. Cached as a whole and evaluated for
/// each method ARN; the three possible outcomes are built once so a cache hit allocates none.
/// </summary>
internal sealed class CustomAuthorizerResult
{
    private readonly IAuthorizerPolicy _policy;
    private readonly AuthorizerOutcome _allow;
    private readonly AuthorizerOutcome _explicitDeny;
    private readonly AuthorizerOutcome _implicitDeny;
    private readonly ConcurrentDictionary<CompiledStatement, AuthorizerOutcome> _byStatement = new(ReferenceEqualityComparer.Instance);

    public CustomAuthorizerResult(string principalId, IAuthorizerPolicy policy, IReadOnlyDictionary<string, object> context, string? usageIdentifierKey)
    {
        _policy = policy;
        _allow = AuthorizerOutcome.Allow(principalId, context, usageIdentifierKey, policy: policy);
        _explicitDeny = AuthorizerOutcome.Deny(explicitDeny: true, principalId, context, usageIdentifierKey, policy);
        _implicitDeny = AuthorizerOutcome.Deny(explicitDeny: false, principalId, context, usageIdentifierKey, policy);
    }

    /// <summary>
    /// The outcome for a method ARN, naming the statement that decided it; with <paramref name="conditionKeys"/> the
    /// policy's conditions see the request.
    /// </summary>
    public AuthorizerOutcome Evaluate(string methodArn, RequestContext? conditionKeys)
    {
        var evaluation = conditionKeys is null ? _policy.Evaluate(methodArn) : _policy.Evaluate(methodArn, conditionKeys);
        // One outcome per deciding statement, made on first use: a cache hit stays allocation-free.
        return evaluation.Decision switch
        {
            PolicyDecision.Allow => evaluation.Statement is { } allow ? _byStatement.GetOrAdd(allow, Decide, PolicyDecision.Allow) : _allow,
            PolicyDecision.ExplicitDeny => evaluation.Statement is { } deny ? _byStatement.GetOrAdd(deny, Decide, PolicyDecision.ExplicitDeny) : _explicitDeny,
            _ => _implicitDeny,
        };
    }

    private AuthorizerOutcome Decide(CompiledStatement statement, PolicyDecision decision) =>
        (decision == PolicyDecision.Allow ? _allow : _explicitDeny).WithStatement(statement);
}
