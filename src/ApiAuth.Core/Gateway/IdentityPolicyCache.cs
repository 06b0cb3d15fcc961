using System.Runtime.CompilerServices;
using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Gateway;

/// <summary>
/// Each credential's identity policies, compiled on first use and kept for as long as the credential lives. A policy
/// that does not compile makes the credential's requests fail closed.
/// </summary>
internal sealed class IdentityPolicyCache(RestApiReference api)
{
    private readonly ConditionalWeakTable<AccessKeyCredential, Compiled> _compiled = [];

    public Compiled Get(AccessKeyCredential credential) => _compiled.GetValue(credential, Compile);

    private Compiled Compile(AccessKeyCredential credential)
    {
        var policies = new List<CompiledPolicy>(credential.IdentityPolicies.Count);
        for (var i = 0; i < credential.IdentityPolicies.Count; i++)
        {
            var loaded = PolicyCompiler.Load(credential.IdentityPolicies[i], new PolicyCompileOptions($"{credential.PrincipalArn} identity policy {i + 1}", PolicyKind.Identity, api));
            if (!loaded.IsValid)
            {
                return new Compiled([], $"identity policy {i + 1} of {credential.PrincipalArn} is invalid: {loaded.ErrorMessage}");
            }
            policies.Add(loaded.Policy!);
        }
        return new Compiled(policies, null);
    }

    /// <summary>The compiled policies, or why they could not be compiled.</summary>
    public sealed record Compiled(IReadOnlyList<CompiledPolicy> Policies, string? Error);
}
