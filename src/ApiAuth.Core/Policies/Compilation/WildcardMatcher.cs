namespace ApiAuth.Policies.Compilation;

/// <summary>
/// Matches IAM wildcards (<c>*</c> any run of characters, <c>?</c> exactly one) without backtracking across stars.
/// The pattern splits at its stars into chunks: the first is anchored at the start, the last at the end, and each
/// middle chunk is taken at its leftmost occurrence after the previous one (leftmost is always safe, because a later
/// star can absorb whatever an earlier choice leaves). Work is at most input length × pattern length and usually
/// linear; there is no exponential case such as a backtracking regex has with <c>*a*a*a*b</c>.
/// </summary>
internal static class WildcardMatcher
{
    /// <summary>Matches policy text in which every <c>*</c> and <c>?</c> is a wildcard.</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> input, bool ignoreCase) =>
        IsMatch(new PlainPattern(pattern), input, ignoreCase);

    /// <summary>Matches any pattern view.</summary>
    public static bool IsMatch<TPattern>(TPattern pattern, ReadOnlySpan<char> input, bool ignoreCase)
        where TPattern : IPatternView, allows ref struct
    {
        var length = pattern.Length;
        var firstStar = NextStar(pattern, 0, length);
        if (firstStar == length)
        {
            return length == input.Length && MatchesAt(pattern, 0, length, input, 0, ignoreCase);
        }
        if (firstStar > input.Length || !MatchesAt(pattern, 0, firstStar, input, 0, ignoreCase))
        {
            return false;
        }
        var lastStar = length - 1;
        while (!pattern.IsStar(lastStar))
        {
            lastStar--;
        }
        var tailLength = length - lastStar - 1;
        var end = input.Length - tailLength;
        if (end < firstStar || !MatchesAt(pattern, lastStar + 1, tailLength, input, end, ignoreCase))
        {
            return false;
        }
        var position = firstStar;
        var chunkStart = firstStar + 1;
        while (chunkStart < lastStar)
        {
            var chunkEnd = NextStar(pattern, chunkStart, lastStar);
            var chunkLength = chunkEnd - chunkStart;
            if (chunkLength > 0)
            {
                var found = IndexOf(pattern, chunkStart, chunkLength, input[..end], position, ignoreCase);
                if (found < 0)
                {
                    return false;
                }
                position = found + chunkLength;
            }
            chunkStart = chunkEnd + 1;
        }
        return true;
    }

    private static int NextStar<TPattern>(TPattern pattern, int from, int limit)
        where TPattern : IPatternView, allows ref struct =>
        pattern.IndexOfStar(from, limit);

    // A chunk without '?' is found with one vectorised search; one with '?' position by position.
    private static int IndexOf<TPattern>(TPattern pattern, int start, int length, ReadOnlySpan<char> input, int from, bool ignoreCase)
        where TPattern : IPatternView, allows ref struct
    {
        if (pattern.TryLiteral(start, length, out var literal))
        {
            var found = ignoreCase ? input[from..].IndexOf(literal, StringComparison.OrdinalIgnoreCase) : input[from..].IndexOf(literal);
            return found < 0 ? -1 : from + found;
        }
        for (var candidate = from; candidate + length <= input.Length; candidate++)
        {
            if (MatchesAt(pattern, start, length, input, candidate, ignoreCase))
            {
                return candidate;
            }
        }
        return -1;
    }

    // Compares a star-free stretch of the pattern with the input at a position; '?' matches any one character.
    private static bool MatchesAt<TPattern>(TPattern pattern, int start, int length, ReadOnlySpan<char> input, int at, bool ignoreCase)
        where TPattern : IPatternView, allows ref struct
    {
        if (pattern.TryLiteral(start, length, out var literal))
        {
            var text = input.Slice(at, length);
            return ignoreCase ? text.Equals(literal, StringComparison.OrdinalIgnoreCase) : text.SequenceEqual(literal);
        }
        for (var i = 0; i < length; i++)
        {
            if (!pattern.IsQuestion(start + i) && !CharEquals(pattern.CharAt(start + i), input[at + i], ignoreCase))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Character equality; case-insensitive comparison uses invariant upper-casing, like ordinal-ignore-case.</summary>
    public static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
