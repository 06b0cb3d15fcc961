using System.Diagnostics.CodeAnalysis;
using ApiAuth.Authorizers;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>The real IAM policy engine, counting compilations so tests can prove a cached policy is compiled once.</summary>
internal sealed class CountingPolicyCompiler : IAuthorizerPolicyCompiler
{
    private int _compilations;

    public int Compilations => _compilations;

    public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
    {
        Interlocked.Increment(ref _compilations);
        return IamAuthorizerPolicyCompiler.Instance.TryCompile(policyDocumentJson, out policy, out error);
    }
}
