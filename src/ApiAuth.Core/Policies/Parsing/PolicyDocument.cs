namespace ApiAuth.Policies.Parsing;

/// <summary>A parsed, well-formed IAM policy document.</summary>
internal sealed class PolicyDocument
{
    internal PolicyDocument(PolicyVersion version, bool hasVersion, string? id, IReadOnlyList<PolicyStatement> statements)
    {
        Version = version;
        HasVersion = hasVersion;
        Id = id;
        Statements = statements;
    }

    /// <summary>The language version (2008-10-17 when the document names none).</summary>
    public PolicyVersion Version { get; }

    /// <summary>Whether the document had a <c>Version</c> element.</summary>
    public bool HasVersion { get; }

    /// <summary>The optional <c>Id</c>.</summary>
    public string? Id { get; }

    /// <summary>The statements, in document order.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }
}
