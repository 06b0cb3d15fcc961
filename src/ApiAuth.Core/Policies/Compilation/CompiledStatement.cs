using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Compilation;

/// <summary>One statement of a compiled policy, ready to match requests.</summary>
public sealed class CompiledStatement
{
    private readonly CompiledPrincipal? _principal;
    private readonly WildcardPattern[] _actions;
    private readonly CompiledTemplate[] _resources;
    private readonly CompiledCondition[] _conditions;

    // Gateway requests always ask for execute-api:Invoke, so its action match is worked out once.
    private readonly bool _actionsCoverInvoke;

    internal CompiledStatement(string policyName, PolicyStatement statement, PolicyVersion version, Func<string, string> expandResource)
    {
        PolicyName = policyName;
        Source = statement;
        Effect = statement.Effect;
        Label = statement.Sid is { Length: > 0 } sid ? $"{policyName}:{sid}" : $"{policyName}:Statement[{statement.Index}]";
        _principal = statement.Principal is null ? null : new CompiledPrincipal(statement.Principal);
        _actions = [.. statement.Action.Patterns.Select(a => new WildcardPattern(a))];
        _resources = [.. statement.Resource.Patterns.Select(r => new CompiledTemplate(expandResource(r), version))];
        _conditions = [.. statement.Conditions.Select(c => new CompiledCondition(c, version))];
        _actionsCoverInvoke = MatchesAnyAction(PolicyRequest.InvokeAction);
    }

    /// <summary>The name of the policy the statement belongs to.</summary>
    public string PolicyName { get; }

    /// <summary>The parsed statement (Sid, index, path, elements).</summary>
    internal PolicyStatement Source { get; }

    /// <summary>The statement's <c>Sid</c>, or null when it has none.</summary>
    public string? Sid => Source.Sid;

    /// <summary>The statement's position in its policy's <c>Statement</c> (0 for a single statement object).</summary>
    public int Index => Source.Index;

    /// <summary>Allow or Deny.</summary>
    public PolicyEffect Effect { get; }

    /// <summary>How decisions name the statement: <c>{policy}:{Sid}</c>, or <c>{policy}:Statement[{index}]</c> without a Sid.</summary>
    public string Label { get; }

    internal IReadOnlyList<CompiledTemplate> Resources => _resources;

    internal bool IsResourceNegated => Source.Resource.IsNegated;

    /// <summary>
    /// Whether an applying Allow grants to the caller itself, not only by naming its account. Statements without a
    /// principal block (identity policies) and <c>NotPrincipal</c> statements apply to the caller directly.
    /// </summary>
    internal bool NamesCallerDirectly(RequestPrincipal principal) =>
        _principal is null || Source.Principal!.IsNegated || _principal.NamesCallerDirectly(principal);

    /// <summary>Whether the statement applies to the request.</summary>
    internal bool Matches(PolicyRequest request) => Mismatch(request) is null;

    /// <summary>Why the statement does not apply, or <see langword="null"/> when it does. Allocates only on the explain path.</summary>
    internal string? Mismatch(PolicyRequest request, bool explain = false)
    {
        var actionMatches = ReferenceEquals(request.Action, PolicyRequest.InvokeAction) ? _actionsCoverInvoke : MatchesAnyAction(request.Action);
        if (actionMatches == Source.Action.IsNegated)
        {
            return explain ? $"{(Source.Action.IsNegated ? "NotAction" : "Action")} does not cover '{request.Action}'" : string.Empty;
        }
        if (MatchesAnyResource(request) == Source.Resource.IsNegated)
        {
            return explain ? $"{(Source.Resource.IsNegated ? "NotResource" : "Resource")} does not cover '{request.Resource}'" : string.Empty;
        }
        if (_principal is not null && _principal.Matches(request.Principal) == Source.Principal!.IsNegated)
        {
            return explain ? $"{(Source.Principal.IsNegated ? "NotPrincipal" : "Principal")} does not cover '{request.Principal.DisplayName}'" : string.Empty;
        }
        foreach (var condition in _conditions)
        {
            if (!condition.IsSatisfied(request.Context))
            {
                return explain ? DescribeFailedCondition(condition, request.Context) : string.Empty;
            }
        }
        return null;
    }

    private bool MatchesAnyAction(string action)
    {
        foreach (var pattern in _actions)
        {
            if (pattern.IsMatch(action, ignoreCase: true))
            {
                return true;
            }
        }
        return false;
    }

    private bool MatchesAnyResource(PolicyRequest request)
    {
        foreach (var pattern in _resources)
        {
            if (pattern.Matches(request.Resource, wildcards: true, ignoreCase: false, request.Context))
            {
                return true;
            }
        }
        return false;
    }

    private static string DescribeFailedCondition(CompiledCondition condition, RequestContext context)
    {
        var values = context.GetValues(condition.Key);
        var actual = values.Count == 0 ? "absent" : $"[{string.Join(", ", values)}]";
        return $"condition {condition.Operator.Name} {condition.Key} in [{string.Join(", ", condition.Source.Values)}] is false (request value {actual})";
    }

    /// <inheritdoc/>
    public override string ToString() => Label;
}
