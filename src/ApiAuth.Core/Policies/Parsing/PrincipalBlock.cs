namespace ApiAuth.Policies.Parsing;

/// <summary>A <c>Principal</c> or <c>NotPrincipal</c> element.</summary>
internal sealed class PrincipalBlock
{
    internal PrincipalBlock(bool isNegated, bool isAnyone, IReadOnlyList<PrincipalEntry> entries, string path)
    {
        IsNegated = isNegated;
        IsAnyone = isAnyone;
        Entries = entries;
        Path = path;
    }

    /// <summary>Whether this is <c>NotPrincipal</c>.</summary>
    public bool IsNegated { get; }

    /// <summary>Whether the block is <c>"*"</c> or contains <c>{"AWS": "*"}</c>: everyone, anonymous callers included.</summary>
    public bool IsAnyone { get; }

    /// <summary>The named principals.</summary>
    public IReadOnlyList<PrincipalEntry> Entries { get; }

    /// <summary>The JSON path of the element.</summary>
    public string Path { get; }
}

/// <summary>One named principal, e.g. <c>AWS: arn:aws:iam::111122223333:role/developer</c>.</summary>
/// <param name="Type">The principal type key.</param>
/// <param name="Value">The account id, ARN, service name or provider.</param>
internal sealed record PrincipalEntry(PrincipalType Type, string Value);
