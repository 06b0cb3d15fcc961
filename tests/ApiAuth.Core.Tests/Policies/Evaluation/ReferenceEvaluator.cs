using System.Globalization;
using System.Net;
using ApiAuth.Core.Tests.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// A deliberately plain evaluator over the parsed model, written without looking at the compiled one: regexes for
/// wildcards, LINQ for the set logic, <see cref="IPAddress"/> bytes for CIDR. It supports what the property test
/// generates (identity policies; string, numeric, bool, IP and Null conditions; set prefixes; IfExists).
/// </summary>
internal static class ReferenceEvaluator
{
    public static PolicyDecision Evaluate(PolicyDocument policy, string caller, string action, string resource, IReadOnlyDictionary<string, string[]> context)
    {
        var applying = policy.Statements.Where(s => Applies(s, caller, action, resource, context)).ToList();
        if (applying.Any(s => s.Effect == PolicyEffect.Deny))
        {
            return PolicyDecision.ExplicitDeny;
        }
        return applying.Count > 0 ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
    }

    public static bool Applies(PolicyStatement statement, string caller, string action, string resource, IReadOnlyDictionary<string, string[]> context)
    {
        if (statement.Principal is { } principal && PrincipalMatches(principal, caller) == principal.IsNegated)
        {
            return false;
        }
        var actionMatches = statement.Action.Patterns.Any(p => WildcardMatcherTests.ReferenceRegex(p, ignoreCase: true).IsMatch(action));
        var resourceMatches = statement.Resource.Patterns.Any(p => WildcardMatcherTests.ReferenceRegex(p, ignoreCase: false).IsMatch(resource));
        return actionMatches != statement.Action.IsNegated
            && resourceMatches != statement.Resource.IsNegated
            && statement.Conditions.All(c => Holds(c, context));
    }

    // caller: "anonymous" or an IAM/STS ARN.
    private static bool PrincipalMatches(PrincipalBlock block, string caller)
    {
        if (block.IsAnyone)
        {
            return true;
        }
        if (caller == "anonymous")
        {
            return false;
        }
        var callerAccount = caller.Split(':')[4];
        foreach (var entry in block.Entries)
        {
            var value = entry.Value;
            if (value.Length == 12 && value.All(char.IsAsciiDigit) ? callerAccount == value
                : value.EndsWith(":root", StringComparison.Ordinal) ? callerAccount == value.Split(':')[4]
                : value.Contains(":role/", StringComparison.Ordinal)
                    ? caller == value || caller == $"arn:aws:sts::{value.Split(':')[4]}:assumed-role/{value.Split('/')[^1]}/" + caller.Split('/')[^1]
                : caller == value)
            {
                return true;
            }
        }
        return false;
    }

    private static bool Holds(PolicyCondition condition, IReadOnlyDictionary<string, string[]> context)
    {
        var op = condition.Operator;
        var found = context.FirstOrDefault(p => string.Equals(p.Key, condition.Key, StringComparison.OrdinalIgnoreCase)).Value;
        var values = found ?? [];
        if (op.Kind == ConditionOperatorKind.Null)
        {
            return condition.Values.Any(v => bool.Parse(v) == (values.Length == 0));
        }
        if (values.Length == 0)
        {
            return op.Qualifier switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => op.IfExists,
                _ => op.IfExists || op.IsNegated,
            };
        }
        bool MatchesAny(string requestValue) => condition.Values.Any(policyValue => PositiveMatch(op.Kind, policyValue, requestValue));
        bool Satisfies(string requestValue) => MatchesAny(requestValue) != op.IsNegated;
        return op.Qualifier switch
        {
            SetQualifier.ForAllValues => values.All(Satisfies),
            SetQualifier.ForAnyValue => values.Any(Satisfies),
            _ => values.Any(MatchesAny) != op.IsNegated,
        };
    }

    private static bool PositiveMatch(ConditionOperatorKind kind, string policyValue, string requestValue)
    {
        switch (kind)
        {
            case ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringNotEquals:
                return policyValue == requestValue;
            case ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase:
                return string.Equals(policyValue, requestValue, StringComparison.OrdinalIgnoreCase);
            case ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike:
                return WildcardMatcherTests.ReferenceRegex(policyValue, ignoreCase: false).IsMatch(requestValue);
            case ConditionOperatorKind.Bool:
                return string.Equals(policyValue, requestValue, StringComparison.OrdinalIgnoreCase);
            case ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress:
                return InCidr(policyValue, requestValue);
            case ConditionOperatorKind.NumericLessThan:
                return decimal.TryParse(requestValue, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    && number < decimal.Parse(policyValue, CultureInfo.InvariantCulture);
            default:
                throw new NotSupportedException(kind.ToString());
        }
    }

    private static bool InCidr(string cidr, string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || address.Count(c => c == '.') != 3)
        {
            return false;
        }
        var parts = cidr.Split('/');
        var network = IPAddress.Parse(parts[0]).GetAddressBytes();
        var bits = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 32;
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (bytes[i / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
