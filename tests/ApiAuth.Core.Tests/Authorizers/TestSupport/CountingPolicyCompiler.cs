using System.Diagnostics.CodeAnalysis;
using ApiAuth.Arns;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>
/// The real IAM policy engine, counting compilations and evaluations so tests can prove a cached policy is compiled
/// once and evaluated once per request.
/// </summary>
internal sealed class CountingPolicyCompiler : IAuthorizerPolicyCompiler
{
    private static readonly EngineAuthorizerPolicyCompiler Engine = new(new RestApiReference("us-east-1", "123456789012", "api123"));

    private int _compilations;
    private int _evaluations;

    public int Compilations => _compilations;

    public int Evaluations => _evaluations;

    public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
    {
        Interlocked.Increment(ref _compilations);
        if (!Engine.TryCompile(policyDocumentJson, out var compiled, out error))
        {
            policy = null;
            return false;
        }
        policy = new Counting(compiled, this);
        return true;
    }

    private sealed class Counting(IAuthorizerPolicy inner, CountingPolicyCompiler owner) : IAuthorizerPolicy
    {
        public PolicyEvaluation Evaluate(string methodArn)
        {
            Interlocked.Increment(ref owner._evaluations);
            return inner.Evaluate(methodArn);
        }

        public PolicyEvaluation Evaluate(string methodArn, RequestContext conditionKeys)
        {
            Interlocked.Increment(ref owner._evaluations);
            return inner.Evaluate(methodArn, conditionKeys);
        }
    }
}
