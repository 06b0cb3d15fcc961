using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Compilation;

/// <summary>The outcome of <see cref="PolicyCompiler.Load(string, PolicyCompileOptions, PolicyParserOptions?)"/>: a compiled policy or the errors.</summary>
public sealed class PolicyLoadResult
{
    internal PolicyLoadResult(CompiledPolicy? policy, IReadOnlyList<PolicyFinding> findings)
    {
        Policy = policy;
        Findings = findings;
    }

    /// <summary>Whether the policy had no errors.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Policy))]
    public bool IsValid => Policy is not null;

    /// <summary>The compiled policy, or <see langword="null"/> when there were errors.</summary>
    public CompiledPolicy? Policy { get; }

    /// <summary>Parser and validator findings.</summary>
    public IReadOnlyList<PolicyFinding> Findings { get; }

    /// <summary>The errors as one message, for exceptions and simulation output.</summary>
    public string ErrorMessage => string.Join("; ", Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => $"{f.Path}: {f.Message}"));
}
