using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Compilation;

/// <summary>
/// Finds the statements that can possibly match a resource without trying them all. Each resource pattern is filed
/// under its full text when it has no wildcard, or under its fixed prefix cut back to the last <c>/</c>; a request
/// looks up its full resource and each of its <c>/</c>-terminated prefixes (a handful of hash lookups). Statements
/// whose patterns start with a wildcard, use variables before any <c>/</c>, or use <c>NotResource</c> stay in a list
/// that is always tried. Cost grows with the statements that share a prefix, not with the policy.
/// </summary>
internal sealed class StatementIndex
{
    private readonly Dictionary<string, CompiledStatement[]> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledStatement[]> _prefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledStatement[]>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private readonly Dictionary<string, CompiledStatement[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly CompiledStatement[] _unindexed;

    // Which key lengths exist, so a request only hashes the prefixes that could be keys.
    private readonly bool[] _exactLengths;
    private readonly bool[] _prefixLengths;

    public StatementIndex(IEnumerable<CompiledStatement> statements)
    {
        var exact = new Dictionary<string, List<CompiledStatement>>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, List<CompiledStatement>>(StringComparer.Ordinal);
        var unindexed = new List<CompiledStatement>();
        foreach (var statement in statements)
        {
            var keys = new List<(bool Exact, string Key)>();
            foreach (var resource in statement.Resources)
            {
                var literal = resource.LiteralPrefix();
                if (literal.Length == resource.Source.Length)
                {
                    keys.Add((true, resource.Source));
                    continue;
                }
                var slash = literal.LastIndexOf('/');
                if (slash < 0)
                {
                    keys.Clear();
                    break;
                }
                keys.Add((false, literal[..(slash + 1)].ToString()));
            }
            if (statement.IsResourceNegated || keys.Count == 0)
            {
                unindexed.Add(statement);
                continue;
            }
            foreach (var (isExact, key) in keys.Distinct())
            {
                var map = isExact ? exact : prefix;
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }
                list.Add(statement);
            }
        }
        foreach (var (key, list) in exact)
        {
            _exact[key] = [.. list];
        }
        foreach (var (key, list) in prefix)
        {
            _prefix[key] = [.. list];
        }
        _unindexed = [.. unindexed];
        _exactLengths = Lengths(_exact.Keys);
        _prefixLengths = Lengths(_prefix.Keys);
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Evaluates the candidate statements: any applying Deny decides at once; otherwise the first applying Allow.
    /// Each bucket holds both effects, so every possible key is hashed once.
    /// </summary>
    public PolicyEvaluation Evaluate(PolicyRequest request)
    {
        var resource = request.Resource.AsSpan();
        CompiledStatement? allow = null;
        if (resource.Length < _exactLengths.Length && _exactLengths[resource.Length]
            && _exactLookup.TryGetValue(resource, out var exact) && Scan(exact, request, ref allow) is { } exactDeny)
        {
            return new PolicyEvaluation(PolicyDecision.ExplicitDeny, exactDeny);
        }
        for (var slash = resource.IndexOf('/'); slash >= 0 && slash + 1 < _prefixLengths.Length; slash = NextSlash(resource, slash))
        {
            if (_prefixLengths[slash + 1] && _prefixLookup.TryGetValue(resource[..(slash + 1)], out var candidates)
                && Scan(candidates, request, ref allow) is { } prefixDeny)
            {
                return new PolicyEvaluation(PolicyDecision.ExplicitDeny, prefixDeny);
            }
        }
        if (Scan(_unindexed, request, ref allow) is { } deny)
        {
            return new PolicyEvaluation(PolicyDecision.ExplicitDeny, deny);
        }
        return allow is null ? default : new PolicyEvaluation(PolicyDecision.Allow, allow);
    }

    // Returns an applying Deny; records the first applying Allow (Allow statements are skipped once one is found).
    private static CompiledStatement? Scan(CompiledStatement[] statements, PolicyRequest request, ref CompiledStatement? allow)
    {
        foreach (var statement in statements)
        {
            if (statement.Effect == PolicyEffect.Deny)
            {
                if (statement.Matches(request))
                {
                    return statement;
                }
            }
            else if (allow is null && statement.Matches(request))
            {
                allow = statement;
            }
        }
        return null;
    }

    private static bool[] Lengths(IEnumerable<string> keys)
    {
        var list = keys.ToList();
        var lengths = new bool[list.Count == 0 ? 0 : list.Max(k => k.Length) + 1];
        foreach (var key in list)
        {
            lengths[key.Length] = true;
        }
        return lengths;
    }

    private static int NextSlash(ReadOnlySpan<char> resource, int slash)
    {
        var next = resource[(slash + 1)..].IndexOf('/');
        return next < 0 ? -1 : slash + 1 + next;
    }
}
