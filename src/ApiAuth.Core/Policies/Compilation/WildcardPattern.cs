namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A wildcard pattern without policy variables, split at its stars when compiled so that matching is a few
/// vectorized span operations: the first chunk must start the input, the last must end it, and each middle chunk is
/// found at its leftmost position after the previous one (the same no-backtracking rule as
/// <see cref="WildcardMatcher"/>). Chunks containing <c>?</c> are compared character by character.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string[] _chunks;
    private readonly bool[] _hasQuestion;
    private readonly bool _hasStar;
    private readonly int _minimumLength;

    // The longest '?'-free middle chunk: an input that lacks it anywhere cannot match, which one vectorized search
    // settles before the chunk-by-chunk walk (most patterns a request meets do not match it).
    private readonly string? _required;

    public WildcardPattern(string pattern)
    {
        Source = pattern;
        _chunks = pattern.Split('*');
        _hasStar = _chunks.Length > 1;
        _hasQuestion = [.. _chunks.Select(c => c.Contains('?', StringComparison.Ordinal))];
        _minimumLength = _chunks.Sum(c => c.Length);
        _required = _chunks.Skip(1).SkipLast(1).Where(c => c.Length > 1 && !c.Contains('?', StringComparison.Ordinal))
            .MaxBy(c => c.Length);
    }

    /// <summary>The pattern text.</summary>
    public string Source { get; }

    /// <summary>Whether the input matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> input, bool ignoreCase)
    {
        if (!_hasStar)
        {
            return input.Length == _minimumLength && ChunkAt(0, input, ignoreCase);
        }
        if (input.Length < _minimumLength ||
            (_required is not null && (ignoreCase ? input.IndexOf(_required, StringComparison.OrdinalIgnoreCase) : input.IndexOf(_required)) < 0))
        {
            return false;
        }
        var last = _chunks.Length - 1;
        var end = input.Length - _chunks[last].Length;
        if (!ChunkAt(0, input, ignoreCase) || !ChunkAt(last, input[end..], ignoreCase))
        {
            return false;
        }
        var position = _chunks[0].Length;
        for (var i = 1; i < last; i++)
        {
            var chunk = _chunks[i];
            if (chunk.Length == 0)
            {
                continue;
            }
            var found = Find(i, input[position..end], ignoreCase);
            if (found < 0)
            {
                return false;
            }
            position += found + chunk.Length;
        }
        return true;
    }

    // Whether chunk i matches at the start of the text (which is at least as long as the chunk when called).
    private bool ChunkAt(int i, ReadOnlySpan<char> text, bool ignoreCase)
    {
        var chunk = _chunks[i].AsSpan();
        if (!_hasQuestion[i])
        {
            return ignoreCase ? text.StartsWith(chunk, StringComparison.OrdinalIgnoreCase) : text.StartsWith(chunk);
        }
        for (var k = 0; k < chunk.Length; k++)
        {
            if (chunk[k] != '?' && !WildcardMatcher.CharEquals(chunk[k], text[k], ignoreCase))
            {
                return false;
            }
        }
        return true;
    }

    private int Find(int i, ReadOnlySpan<char> text, bool ignoreCase)
    {
        var chunk = _chunks[i];
        if (!_hasQuestion[i])
        {
            return ignoreCase ? text.IndexOf(chunk, StringComparison.OrdinalIgnoreCase) : text.IndexOf(chunk);
        }
        for (var start = 0; start + chunk.Length <= text.Length; start++)
        {
            if (ChunkAt(i, text[start..], ignoreCase))
            {
                return start;
            }
        }
        return -1;
    }
}
