namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A wildcard pattern seen character by character. Lets one matcher serve plain policy text (where <c>*</c> and
/// <c>?</c> are wildcards) and text with resolved policy variables (where substituted characters are literal).
/// </summary>
internal interface IPatternView
{
    /// <summary>The number of pattern positions.</summary>
    int Length { get; }

    /// <summary>The character at a position (meaningful for literal positions).</summary>
    char CharAt(int index);

    /// <summary>Whether the position is a <c>*</c> wildcard.</summary>
    bool IsStar(int index);

    /// <summary>Whether the position is a <c>?</c> wildcard.</summary>
    bool IsQuestion(int index);

    /// <summary>The first <c>*</c> position in [<paramref name="from"/>, <paramref name="limit"/>), or <paramref name="limit"/>.</summary>
    int IndexOfStar(int from, int limit);

    /// <summary>The star-free range as plain text when it holds no <c>?</c> either, so it can be compared in bulk.</summary>
    bool TryLiteral(int start, int length, out ReadOnlySpan<char> literal);
}

/// <summary>Policy text in which every <c>*</c> and <c>?</c> is a wildcard.</summary>
/// <param name="text">The pattern.</param>
/// <param name="hasQuestion">Whether it holds a <c>?</c> (a compiled pattern knows; false spares the scans).</param>
internal readonly ref struct PlainPattern(ReadOnlySpan<char> text, bool hasQuestion = true) : IPatternView
{
    private readonly ReadOnlySpan<char> _text = text;
    private readonly bool _hasQuestion = hasQuestion;

    public int Length => _text.Length;

    public char CharAt(int index) => _text[index];

    public bool IsStar(int index) => _text[index] == '*';

    public bool IsQuestion(int index) => _text[index] == '?';

    public int IndexOfStar(int from, int limit)
    {
        var found = _text[from..limit].IndexOf('*');
        return found < 0 ? limit : from + found;
    }

    public bool TryLiteral(int start, int length, out ReadOnlySpan<char> literal)
    {
        literal = _text.Slice(start, length);
        return !_hasQuestion || !literal.Contains('?');
    }
}

/// <summary>Resolved text with a parallel mask saying which positions are wildcards.</summary>
internal readonly ref struct MaskedPattern(ReadOnlySpan<char> text, ReadOnlySpan<byte> kinds) : IPatternView
{
    /// <summary>Mask value of a literal position.</summary>
    public const byte Literal = 0;

    /// <summary>Mask value of a <c>*</c> position.</summary>
    public const byte Star = 1;

    /// <summary>Mask value of a <c>?</c> position.</summary>
    public const byte Question = 2;

    private readonly ReadOnlySpan<char> _text = text;
    private readonly ReadOnlySpan<byte> _kinds = kinds;

    public int Length => _text.Length;

    public char CharAt(int index) => _text[index];

    public bool IsStar(int index) => _kinds[index] == Star;

    public bool IsQuestion(int index) => _kinds[index] == Question;

    public int IndexOfStar(int from, int limit)
    {
        var found = _kinds[from..limit].IndexOf(Star);
        return found < 0 ? limit : from + found;
    }

    public bool TryLiteral(int start, int length, out ReadOnlySpan<char> literal)
    {
        literal = _text.Slice(start, length);
        return !_kinds.Slice(start, length).Contains(Question);
    }

    /// <summary>A sub-range, for matching ARN fields one by one.</summary>
    public MaskedPattern Slice(Range range) => new(_text[range], _kinds[range]);
}
