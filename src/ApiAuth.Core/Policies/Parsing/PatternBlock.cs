namespace ApiAuth.Policies.Parsing;

/// <summary>An <c>Action</c>/<c>NotAction</c> or <c>Resource</c>/<c>NotResource</c> element: wildcard patterns.</summary>
internal sealed class PatternBlock
{
    internal PatternBlock(bool isNegated, IReadOnlyList<string> patterns, string path)
    {
        IsNegated = isNegated;
        Patterns = patterns;
        Path = path;
    }

    /// <summary>Whether this is the <c>Not...</c> form: the statement applies to everything the patterns do not match.</summary>
    public bool IsNegated { get; }

    /// <summary>The patterns; <c>*</c> and <c>?</c> are wildcards.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>The JSON path of the element.</summary>
    public string Path { get; }
}
