using System.Runtime.CompilerServices;
using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Gateway;

/// <summary>
/// What is fixed per credential, computed on first use and kept for as long as the credential lives: its compiled
/// identity policies, its principal and its condition keys. A policy that does not compile, or a principal ARN
/// that does not parse, makes the credential's requests fail closed.
/// </summary>
internal sealed class IdentityPolicyCache(RestApiReference api)
{
    private readonly ConditionalWeakTable<AccessKeyCredential, Compiled> _compiled = [];

    // Looked up first so that a signed request does not build a callback delegate for the compile it will not need.
    public Compiled Get(AccessKeyCredential credential) =>
        _compiled.TryGetValue(credential, out var compiled) ? compiled : _compiled.GetValue(credential, Compile);

    private Compiled Compile(AccessKeyCredential credential)
    {
        if (!RequestPrincipal.TryParse(credential.PrincipalArn, out var principal))
        {
            return Compiled.Failed($"'{credential.PrincipalArn}' is not a principal ARN");
        }
        var policies = new List<CompiledPolicy>(credential.IdentityPolicies.Count);
        for (var i = 0; i < credential.IdentityPolicies.Count; i++)
        {
            var loaded = PolicyCompiler.Load(credential.IdentityPolicies[i], new PolicyCompileOptions($"{credential.PrincipalArn} identity policy {i + 1}", PolicyKind.Identity, api));
            if (!loaded.IsValid)
            {
                return Compiled.Failed($"identity policy {i + 1} of {credential.PrincipalArn} is invalid: {loaded.ErrorMessage}");
            }
            policies.Add(loaded.Policy!);
        }
        return new Compiled(policies, principal, GatewayContextKeys.ForCaller(principal, credential), null);
    }

    /// <summary>The compiled policies, principal and caller keys, or why they could not be built.</summary>
    public sealed record Compiled(IReadOnlyList<CompiledPolicy> Policies, RequestPrincipal Principal, KeyValuePair<string, ContextValue>[] CallerKeys, string? Error)
    {
        public static Compiled Failed(string error) => new([], RequestPrincipal.Anonymous, [], error);
    }
}
