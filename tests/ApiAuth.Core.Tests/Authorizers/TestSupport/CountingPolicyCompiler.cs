using System.Diagnostics.CodeAnalysis;
using ApiAuth.Arns;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>The real IAM policy engine, counting compilations so tests can prove a cached policy is compiled once.</summary>
internal sealed class CountingPolicyCompiler : IAuthorizerPolicyCompiler
{
    private static readonly EngineAuthorizerPolicyCompiler Engine = new(new RestApiReference("us-east-1", "123456789012", "api123"));

    private int _compilations;

    public int Compilations => _compilations;

    public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
    {
        Interlocked.Increment(ref _compilations);
        return Engine.TryCompile(policyDocumentJson, out policy, out error);
    }
}
