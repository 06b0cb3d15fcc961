using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Validation;

/// <summary>
/// Checks a well-formed policy against where it is attached (errors) and for legal but suspicious content (warnings).
/// </summary>
public static class PolicyValidator
{
    /// <summary>Validates a parsed policy.</summary>
    /// <param name="policy">The parsed policy.</param>
    /// <param name="kind">Where it is attached; null skips the placement checks.</param>
    /// <returns>Errors and warnings.</returns>
    internal static IReadOnlyList<PolicyFinding> Validate(PolicyDocument policy, PolicyKind? kind)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var findings = new List<PolicyFinding>();
        foreach (var statement in policy.Statements)
        {
            CheckPlacement(statement, kind, findings);
            var principal = statement.Principal;
            if (principal is { IsNegated: true } && statement.Effect == PolicyEffect.Allow)
            {
                findings.Add(Warning(principal.Path, PolicyFindingCodes.NotPrincipalWithAllow,
                    "NotPrincipal with Allow grants access to everyone not listed, anonymous callers included; AWS advises against it."));
            }
            if (principal is { IsNegated: true, IsAnyone: true })
            {
                findings.Add(Warning(principal.Path, PolicyFindingCodes.UnreachableStatement, "NotPrincipal \"*\" excludes every caller: the statement never applies."));
            }
            if (statement.Action.IsNegated && statement.Action.Patterns.Contains("*"))
            {
                findings.Add(Warning(statement.Action.Path, PolicyFindingCodes.UnreachableStatement, "NotAction \"*\" excludes every action: the statement never applies."));
            }
            if (statement.Resource.IsNegated && statement.Resource.Patterns.Contains("*"))
            {
                findings.Add(Warning(statement.Resource.Path, PolicyFindingCodes.UnreachableStatement, "NotResource \"*\" excludes every resource: the statement never applies."));
            }
            if (!statement.Action.IsNegated && !statement.Action.Patterns.Any(p => p.StartsWith("execute-api", StringComparison.OrdinalIgnoreCase) || WildcardMatcher.IsMatch(p, "execute-api:Invoke", ignoreCase: true)))
            {
                findings.Add(Warning(statement.Action.Path, PolicyFindingCodes.UnreachableStatement,
                    "No action here is an execute-api action, so the statement never applies to API Gateway calls."));
            }
            CheckConditions(statement, findings);
        }
        return findings;
    }

    private static void CheckPlacement(PolicyStatement statement, PolicyKind? kind, List<PolicyFinding> findings)
    {
        switch (kind)
        {
            case PolicyKind.Identity when statement.Principal is not null:
                findings.Add(Error(statement.Principal.Path, PolicyFindingCodes.PrincipalPlacement,
                    "Identity policies apply to the identity they are attached to and must not have Principal or NotPrincipal."));
                break;
            case PolicyKind.Resource when statement.Principal is null:
                findings.Add(Error(statement.Path, PolicyFindingCodes.PrincipalPlacement, "Resource policy statements must name a Principal or NotPrincipal."));
                break;
        }
        if (kind != PolicyKind.Resource)
        {
            foreach (var resource in statement.Resource.Patterns.Where(ExecuteApiShorthand.IsShorthand))
            {
                findings.Add(Error(statement.Resource.Path, PolicyFindingCodes.ShorthandOutsideResourcePolicy,
                    $"'{resource}' uses the execute-api:/ shorthand, which only an API's resource policy can use; write the full ARN."));
            }
        }
    }

    private static void CheckConditions(PolicyStatement statement, List<PolicyFinding> findings)
    {
        foreach (var condition in statement.Conditions)
        {
            var contradictory = condition.Operator.Kind == ConditionOperatorKind.Null
                && condition.Values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase))
                && condition.Values.Any(v => v.Equals("false", StringComparison.OrdinalIgnoreCase));
            if (contradictory)
            {
                findings.Add(Warning(condition.Path, PolicyFindingCodes.UnreachableStatement, "Null with both true and false is always true; the condition has no effect."));
            }
        }
    }

    private static PolicyFinding Warning(string path, string code, string message) => new(FindingSeverity.Warning, path, code, message);

    private static PolicyFinding Error(string path, string code, string message) => new(FindingSeverity.Error, path, code, message);
}
