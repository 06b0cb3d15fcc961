namespace ApiAuth.AspNetCore.Configuration.Schema;

/// <summary>The valid name a misspelled key most likely meant, for "did you mean ...?".</summary>
internal static class NearestName
{
    /// <summary>The closest of <paramref name="names"/> by edit distance (ignoring case), or null when none is close.</summary>
    public static string? Find(string key, IEnumerable<string> names)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            // Policy → Policies: a stem of four or more letters shared to the end of the shorter name counts as near.
            var stem = Math.Min(key.Length, name.Length) - 1;
            var distance = stem >= 4 && key.AsSpan(0, stem).Equals(name.AsSpan(0, stem), StringComparison.OrdinalIgnoreCase)
                ? 1
                : Distance(key.ToUpperInvariant(), name.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }
        // A third of the name's length: ResourcePolicys → ResourcePolicy, IdentitySources → IdentitySource, never Foo → Type.
        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    // Levenshtein distance with adjacent transpositions (optimal string alignment), two rows.
    private static int Distance(string a, string b)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previousPrevious[j - 2] + 1);
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }
        return previous[b.Length];
    }
}
