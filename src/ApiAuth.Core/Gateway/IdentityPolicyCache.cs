using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Gateway;

/// <summary>
/// What is fixed per credential, computed on first use: its compiled identity policies, its principal and its
/// condition keys. Kept by value (<see cref="CredentialValueComparer"/>), so a store that returns a fresh but equal
/// object per request compiles once; the object a store keeps (in memory) is found by reference first, without
/// hashing its policies. A policy that does not compile, or a principal ARN that does not parse, makes the
/// credential's requests fail closed.
/// </summary>
internal sealed class IdentityPolicyCache(RestApiReference api)
{
    /// <summary>How many distinct credentials are kept by value before the cache starts over.</summary>
    internal const int MaximumEntries = 10_000;

    private readonly ConditionalWeakTable<AccessKeyCredential, Compiled> _byReference = [];
    private readonly ConcurrentDictionary<AccessKeyCredential, Compiled> _byValue = new(CredentialValueComparer.Instance);
    private int _compilations;

    /// <summary>How many times policies were compiled (for tests).</summary>
    internal int Compilations => _compilations;

    /// <summary>How many credentials are kept by value (for tests).</summary>
    internal int ValueEntries => _byValue.Count;

    public Compiled Get(AccessKeyCredential credential)
    {
        if (_byReference.TryGetValue(credential, out var compiled))
        {
            return compiled;
        }
        if (_byValue.TryGetValue(credential, out compiled))
        {
            return compiled;
        }
        if (_byValue.Count >= MaximumEntries)
        {
            // Credentials whose policies changed leave stale entries behind; starting over bounds them.
            _byValue.Clear();
        }
        compiled = _byValue.GetOrAdd(credential, Compile);
        // Only the first object of its value is remembered by reference: fresh objects per request would only fill the table.
        _byReference.TryAdd(credential, compiled);
        return compiled;
    }

    private Compiled Compile(AccessKeyCredential credential)
    {
        Interlocked.Increment(ref _compilations);
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
