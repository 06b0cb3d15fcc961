using ApiAuth.Policies.Evaluation;

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
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The first statement found that matches the request, or <see langword="null"/>.</summary>
    public CompiledStatement? FindMatch(PolicyRequest request)
    {
        var resource = request.Resource.AsSpan();
        if (_exactLookup.TryGetValue(resource, out var exact) && FirstMatch(exact, request) is { } exactMatch)
        {
            return exactMatch;
        }
        if (_prefix.Count > 0)
        {
            for (var slash = resource.IndexOf('/'); slash >= 0; slash = NextSlash(resource, slash))
            {
                if (_prefixLookup.TryGetValue(resource[..(slash + 1)], out var candidates) && FirstMatch(candidates, request) is { } match)
                {
                    return match;
                }
            }
        }
        return FirstMatch(_unindexed, request);
    }

    private static int NextSlash(ReadOnlySpan<char> resource, int slash)
    {
        var next = resource[(slash + 1)..].IndexOf('/');
        return next < 0 ? -1 : slash + 1 + next;
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
