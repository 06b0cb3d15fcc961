using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Validation;

/// <summary>Everything <c>apiauth validate</c> reports about one policy file: parser and validator findings.</summary>
public sealed class PolicyValidationReport
{
    private PolicyValidationReport(IReadOnlyList<PolicyFinding> findings) => Findings = findings;

    /// <summary>All findings, parser first.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }

    /// <summary>Whether any finding is an error.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>Parses and validates a policy.</summary>
    /// <param name="utf8Json">The policy file's bytes.</param>
    /// <param name="kind">Identity or resource policy; null skips the placement checks.</param>
    /// <param name="options">Size limits; defaults when null.</param>
    /// <returns>The report.</returns>
    public static PolicyValidationReport Create(ReadOnlyMemory<byte> utf8Json, PolicyKind? kind, PolicyParserOptions? options = null)
    {
        var parsed = PolicyParser.Parse(utf8Json, options);
        return parsed.IsValid
            ? new PolicyValidationReport([.. parsed.Findings, .. PolicyValidator.Validate(parsed.Policy, kind)])
            : new PolicyValidationReport(parsed.Findings);
    }
}
