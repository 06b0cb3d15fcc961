using ApiAuth.Arns;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A policy string (resource pattern or condition value), possibly with policy variables. Plain text is matched in
/// place; text with variables is resolved per request into a stack buffer, the substituted characters marked literal,
/// and an unresolved variable (absent or multi-valued key, no default) makes the value match nothing.
/// </summary>
internal sealed class CompiledTemplate
{
    // Resolved values longer than this are rare; they are resolved into a heap buffer instead of the stack.
    private const int StackLimit = 256;

    private readonly TemplatePart[]? _parts;
    private readonly WildcardPattern? _plain;

    public CompiledTemplate(string source, PolicyVersion version)
    {
        Source = source;
        if (version == PolicyVersion.V20121017 && !PolicyVariableSyntax.TryParse(source, out _parts, out var error))
        {
            throw new ArgumentException(error, nameof(source));
        }
        _plain = _parts is null ? new WildcardPattern(source) : null;
    }

    /// <summary>The text as written (after shorthand expansion).</summary>
    public string Source { get; }

    /// <summary>Matches the input; with <paramref name="wildcards"/> the text's <c>*</c>/<c>?</c> are wildcards.</summary>
    public bool Matches(ReadOnlySpan<char> input, bool wildcards, bool ignoreCase, RequestContext context)
    {
        if (_plain is not null)
        {
            return wildcards ? _plain.IsMatch(input, ignoreCase)
                : ignoreCase ? input.Equals(Source, StringComparison.OrdinalIgnoreCase) : input.SequenceEqual(Source);
        }
        var length = ResolvedLength(context);
        if (length < 0)
        {
            return false;
        }
        Span<char> text = length <= StackLimit ? stackalloc char[length] : new char[length];
        Span<byte> kinds = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        Resolve(context, text, kinds, wildcards);
        return WildcardMatcher.IsMatch(new MaskedPattern(text, kinds), input, ignoreCase);
    }

    /// <summary>Matches an ARN field by field (the six fields of each side split at their first five colons).</summary>
    public bool MatchesArn(ReadOnlySpan<char> input, RequestContext context)
    {
        Span<Range> inputFields = stackalloc Range[Arn.FieldCount];
        if (!Arn.TrySplit(input, inputFields))
        {
            return false;
        }
        Span<Range> patternFields = stackalloc Range[Arn.FieldCount];
        if (_parts is null)
        {
            // Plain text: every '*' and '?' is a wildcard, so the source is matched in place.
            if (!Arn.TrySplit(Source, patternFields))
            {
                return false;
            }
            for (var i = 0; i < Arn.FieldCount; i++)
            {
                if (!WildcardMatcher.IsMatch(Source.AsSpan()[patternFields[i]], input[inputFields[i]], ignoreCase: false))
                {
                    return false;
                }
            }
            return true;
        }
        var length = ResolvedLength(context);
        if (length < 0)
        {
            return false;
        }
        Span<char> text = length <= StackLimit ? stackalloc char[length] : new char[length];
        Span<byte> kinds = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        Resolve(context, text, kinds, wildcards: true);
        if (!Arn.TrySplit(text, patternFields))
        {
            return false;
        }
        var pattern = new MaskedPattern(text, kinds);
        for (var i = 0; i < Arn.FieldCount; i++)
        {
            if (!WildcardMatcher.IsMatch(pattern.Slice(patternFields[i]), input[inputFields[i]], ignoreCase: false))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The longest prefix that is fixed text (no wildcard, no variable), used to index statements by resource.
    /// </summary>
    public ReadOnlySpan<char> LiteralPrefix()
    {
        var end = Source.AsSpan().IndexOfAny('*', '?');
        var variable = _parts is null ? -1 : Source.IndexOf("${", StringComparison.Ordinal);
        if (variable >= 0 && (end < 0 || variable < end))
        {
            end = variable;
        }
        return end < 0 ? Source : Source.AsSpan(0, end);
    }

    private int ResolvedLength(RequestContext context)
    {
        var length = 0;
        foreach (var part in _parts!)
        {
            if (part.Kind != TemplatePartKind.Variable)
            {
                length += part.Text.Length;
            }
            else if (context.TryGetSingle(part.Text, out var value))
            {
                length += value.Length;
            }
            else if (part.Default is not null)
            {
                length += part.Default.Length;
            }
            else
            {
                return -1;
            }
        }
        return length;
    }

    private void Resolve(RequestContext context, Span<char> text, Span<byte> kinds, bool wildcards)
    {
        var at = 0;
        foreach (var part in _parts!)
        {
            var value = part.Kind switch
            {
                TemplatePartKind.Variable => context.TryGetSingle(part.Text, out var resolved) ? resolved : part.Default!,
                _ => part.Text,
            };
            value.AsSpan().CopyTo(text[at..]);
            if (part.Kind == TemplatePartKind.Text && wildcards)
            {
                MarkWildcards(text.Slice(at, value.Length), kinds.Slice(at, value.Length));
            }
            else
            {
                kinds.Slice(at, value.Length).Clear();
            }
            at += value.Length;
        }
    }

    private static void MarkWildcards(ReadOnlySpan<char> text, Span<byte> kinds)
    {
        for (var i = 0; i < text.Length; i++)
        {
            kinds[i] = text[i] switch
            {
                '*' => MaskedPattern.Star,
                '?' => MaskedPattern.Question,
                _ => MaskedPattern.Literal,
            };
        }
    }
}
