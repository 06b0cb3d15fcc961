using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Compilation;

/// <summary>
/// One operator/key pair with its policy values pre-parsed (numbers, dates, CIDR blocks, bytes) so evaluation only
/// reads the request. Semantics (AWS "IAM JSON policy elements: Condition operators" and "Multivalued context keys"):
/// the policy values OR together; a request value satisfies a negated operator when it matches none of them; without
/// a set prefix any request value may satisfy the operator; a missing key is false except for negated operators,
/// <c>IfExists</c> and <c>Null</c>; <c>ForAllValues:</c> is true and <c>ForAnyValue:</c> false on an absent or empty key.
/// </summary>
internal sealed class CompiledCondition
{
    private readonly CompiledTemplate[] _strings = [];
    private readonly double[] _numbers = [];
    private readonly long[] _dates = [];
    private readonly IpRange[] _ranges = [];
    private readonly byte[][] _binaries = [];
    private readonly bool[] _booleans = [];

    public CompiledCondition(PolicyCondition condition, PolicyVersion version)
    {
        Source = condition;
        Operator = condition.Operator;
        Key = condition.Key;
        var values = condition.Values;
        switch (Category(Operator.Kind))
        {
            case ValueCategory.String:
            case ValueCategory.Arn:
                _strings = [.. values.Select(v => new CompiledTemplate(v, version))];
                break;
            case ValueCategory.Number:
                _numbers = [.. values.Select(v => ConditionValues.TryParseNumber(v, out var n) ? n : throw Invalid(v))];
                break;
            case ValueCategory.Date:
                _dates = [.. values.Select(v => ConditionValues.TryParseDate(v, out var d) ? d : throw Invalid(v))];
                break;
            case ValueCategory.Ip:
                _ranges = [.. values.Select(v => IpRange.TryParse(v, out var r) ? r : throw Invalid(v))];
                break;
            case ValueCategory.Binary:
                _binaries = [.. values.Select(Convert.FromBase64String)];
                break;
            case ValueCategory.Boolean:
                _booleans = [.. values.Select(v => ConditionValues.TryParseBool(v, out var b) ? b : throw Invalid(v))];
                break;
        }
    }

    private enum ValueCategory
    {
        String,
        Number,
        Date,
        Ip,
        Binary,
        Boolean,
        Arn,
    }

    /// <summary>The parsed condition.</summary>
    public PolicyCondition Source { get; }

    /// <summary>The operator.</summary>
    public ConditionOperator Operator { get; }

    /// <summary>The condition key (compared case-insensitively).</summary>
    public string Key { get; }

    /// <summary>Whether the condition holds for the request.</summary>
    public bool IsSatisfied(RequestContext context)
    {
        var present = context.TryGet(Key, out var entry);
        if (Operator.Kind == ConditionOperatorKind.Null)
        {
            // Null: "true" asks for the key to be absent, "false" for it to be present; the values OR together.
            var absent = !present || entry!.Values.Length == 0;
            foreach (var wantsAbsent in _booleans)
            {
                if (wantsAbsent == absent)
                {
                    return true;
                }
            }
            return false;
        }
        var count = present ? entry!.Values.Length : 0;
        if (count == 0)
        {
            return Operator.Qualifier switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => Operator.IfExists,
                _ => Operator.IfExists || Operator.IsNegated,
            };
        }
        switch (Operator.Qualifier)
        {
            case SetQualifier.ForAllValues:
                for (var i = 0; i < count; i++)
                {
                    if (!ValueSatisfies(entry!, i, context))
                    {
                        return false;
                    }
                }
                return true;
            case SetQualifier.ForAnyValue:
                for (var i = 0; i < count; i++)
                {
                    if (ValueSatisfies(entry!, i, context))
                    {
                        return true;
                    }
                }
                return false;
            default:
                // Without a set prefix a negated operator needs no request value to match; a positive one needs any.
                var anyMatch = false;
                for (var i = 0; i < count && !anyMatch; i++)
                {
                    anyMatch = MatchesAnyPolicyValue(entry!, i, context);
                }
                return Operator.IsNegated ? !anyMatch : anyMatch;
        }
    }

    private bool ValueSatisfies(ContextValue entry, int index, RequestContext context)
    {
        var match = MatchesAnyPolicyValue(entry, index, context);
        return Operator.IsNegated ? !match : match;
    }

    // Whether one request value matches at least one policy value under the operator's positive form.
    private bool MatchesAnyPolicyValue(ContextValue entry, int index, RequestContext context)
    {
        var value = entry.Values[index].AsSpan();
        switch (Operator.Kind)
        {
            case ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringNotEquals:
                return AnyString(value, wildcards: false, ignoreCase: false, context);
            case ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase:
                return AnyString(value, wildcards: false, ignoreCase: true, context);
            case ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike:
                return AnyString(value, wildcards: true, ignoreCase: false, context);
            case ConditionOperatorKind.ArnEquals or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnLike or ConditionOperatorKind.ArnNotLike:
                foreach (var pattern in _strings)
                {
                    if (pattern.MatchesArn(value, context))
                    {
                        return true;
                    }
                }
                return false;
            case ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress:
                var address = entry.Addresses[index];
                foreach (var range in _ranges)
                {
                    if (range.Contains(address))
                    {
                        return true;
                    }
                }
                return false;
            case ConditionOperatorKind.Bool:
                if (!ConditionValues.TryParseBool(value, out var boolean))
                {
                    return false;
                }
                return Array.IndexOf(_booleans, boolean) >= 0;
            case ConditionOperatorKind.BinaryEquals:
                return AnyBinary(value);
            case >= ConditionOperatorKind.NumericEquals and <= ConditionOperatorKind.NumericGreaterThanEquals:
                if (!ConditionValues.TryParseNumber(value, out var number))
                {
                    return false;
                }
                foreach (var policyNumber in _numbers)
                {
                    if (Compare(number.CompareTo(policyNumber), Operator.Kind - ConditionOperatorKind.NumericEquals))
                    {
                        return true;
                    }
                }
                return false;
            default:
                if (!ConditionValues.TryParseDate(value, out var ticks))
                {
                    return false;
                }
                foreach (var policyTicks in _dates)
                {
                    if (Compare(ticks.CompareTo(policyTicks), Operator.Kind - ConditionOperatorKind.DateEquals))
                    {
                        return true;
                    }
                }
                return false;
        }
    }

    // The six comparison operators share their order in both the Numeric and Date families; "NotEquals" compares
    // as Equals because negation is applied by the caller.
    private static bool Compare(int order, int offset) => offset switch
    {
        0 or 1 => order == 0,
        2 => order < 0,
        3 => order <= 0,
        4 => order > 0,
        _ => order >= 0,
    };

    private bool AnyString(ReadOnlySpan<char> value, bool wildcards, bool ignoreCase, RequestContext context)
    {
        foreach (var pattern in _strings)
        {
            if (pattern.Matches(value, wildcards, ignoreCase, context))
            {
                return true;
            }
        }
        return false;
    }

    private bool AnyBinary(ReadOnlySpan<char> value)
    {
        // Request values are base64 text; compare decoded bytes. Oversized values cannot equal a policy value.
        Span<byte> bytes = stackalloc byte[256];
        if (value.Length > 340 || !Convert.TryFromBase64Chars(value, bytes, out var written))
        {
            return false;
        }
        foreach (var policyBytes in _binaries)
        {
            if (bytes[..written].SequenceEqual(policyBytes))
            {
                return true;
            }
        }
        return false;
    }

    private static ValueCategory Category(ConditionOperatorKind kind) => kind switch
    {
        <= ConditionOperatorKind.StringNotLike => ValueCategory.String,
        <= ConditionOperatorKind.NumericGreaterThanEquals => ValueCategory.Number,
        <= ConditionOperatorKind.DateGreaterThanEquals => ValueCategory.Date,
        ConditionOperatorKind.Bool or ConditionOperatorKind.Null => ValueCategory.Boolean,
        ConditionOperatorKind.BinaryEquals => ValueCategory.Binary,
        ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress => ValueCategory.Ip,
        _ => ValueCategory.Arn,
    };

    private static ArgumentException Invalid(string value) => new($"'{value}' was not validated by the parser.", nameof(value));
}
