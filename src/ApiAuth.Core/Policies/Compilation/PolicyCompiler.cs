using ApiAuth.Arns;
using ApiAuth.Policies.Parsing;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Policies.Compilation;

/// <summary>Turns parsed policies into <see cref="CompiledPolicy"/>s: parse → validate → compile.</summary>
public static class PolicyCompiler
{
    /// <summary>Parses, validates and compiles a policy; expected failures are findings, not exceptions.</summary>
    /// <param name="json">The policy JSON.</param>
    /// <param name="options">Name, kind and (for resource policies) the API.</param>
    /// <param name="parserOptions">Size limits; defaults when null.</param>
    /// <returns>The compiled policy, or the errors with their JSON paths.</returns>
    public static PolicyLoadResult Load(string json, PolicyCompileOptions options, PolicyParserOptions? parserOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parsed = PolicyParser.Parse(json, parserOptions);
        if (!parsed.IsValid)
        {
            return new PolicyLoadResult(null, parsed.Findings);
        }
        var findings = parsed.Findings.Concat(PolicyValidator.Validate(parsed.Policy, options.Kind)).ToList();
        if (options.Api is null && parsed.Policy.Statements.Any(s => s.Resource.Patterns.Any(ExecuteApiShorthand.IsShorthand)))
        {
            findings.Add(new PolicyFinding(FindingSeverity.Error, JsonPath.Root, PolicyFindingCodes.ShorthandOutsideResourcePolicy,
                "The policy uses the execute-api:/ shorthand but no API (region, account, api id) was given to expand it."));
        }
        if (findings.Exists(f => f.Severity == FindingSeverity.Error))
        {
            return new PolicyLoadResult(null, findings);
        }
        return new PolicyLoadResult(Compile(parsed.Policy, options), findings);
    }

    /// <summary>Compiles a parsed policy.</summary>
    /// <param name="policy">A policy from <see cref="PolicyParser"/>.</param>
    /// <param name="options">Name, kind and (for the shorthand) the API.</param>
    /// <returns>The compiled policy.</returns>
    /// <exception cref="InvalidOperationException">The policy uses the execute-api shorthand and no API was given.</exception>
    internal static CompiledPolicy Compile(PolicyDocument policy, PolicyCompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        string Expand(string resource) => !ExecuteApiShorthand.IsShorthand(resource) ? resource
            : options.Api is null
                ? throw new InvalidOperationException($"Policy '{options.Name}' uses '{resource}'; set PolicyCompileOptions.Api to the API the policy is attached to.")
                : ExecuteApiShorthand.Expand(resource, options.Api);
        var statements = policy.Statements.Select(s => new CompiledStatement(options.Name, s, policy.Version, Expand)).ToList();
        return new CompiledPolicy(options.Name, options.Kind, statements);
    }
}
