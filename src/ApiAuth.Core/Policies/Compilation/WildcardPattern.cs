namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A wildcard pattern without policy variables, checked once when compiled for what lets most inputs be refused
/// without matching: the least length an input needs, and the longest <c>?</c>-free middle chunk, which an input
/// that lacks it anywhere cannot match (one vectorised search). Matching itself is <see cref="WildcardMatcher"/>'s.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly int _minimumLength;
    private readonly string? _required;
    private readonly bool _literal;
    private readonly bool _hasQuestion;

    public WildcardPattern(string pattern)
    {
        Source = pattern;
        var chunks = pattern.Split('*');
        _minimumLength = chunks.Sum(c => c.Length);
        _hasQuestion = pattern.Contains('?', StringComparison.Ordinal);
        _literal = chunks.Length == 1 && !_hasQuestion;
        _required = chunks.Skip(1).SkipLast(1).Where(c => c.Length > 1 && !c.Contains('?', StringComparison.Ordinal)).MaxBy(c => c.Length);
    }

    /// <summary>The pattern text.</summary>
    public string Source { get; }

    /// <summary>Whether the input matches the whole pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> input, bool ignoreCase) =>
        _literal ? input.Equals(Source, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) :
        input.Length >= _minimumLength &&
        (_required is null || (ignoreCase ? input.IndexOf(_required, StringComparison.OrdinalIgnoreCase) : input.IndexOf(_required)) >= 0) &&
        WildcardMatcher.IsMatch(new PlainPattern(Source, _hasQuestion), input, ignoreCase);
}
