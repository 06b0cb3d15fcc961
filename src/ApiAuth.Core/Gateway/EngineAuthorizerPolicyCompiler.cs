using System.Diagnostics.CodeAnalysis;
using ApiAuth.Arns;
using ApiAuth.Authorizers;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Gateway;

/// <summary>
/// Compiles the policy a custom authorizer returns with the IAM policy engine, once per authorizer result, so a
/// cached result is re-evaluated cheaply for every later method ARN.
/// </summary>
internal sealed class EngineAuthorizerPolicyCompiler(RestApiReference api) : IAuthorizerPolicyCompiler
{
    /// <inheritdoc />
    public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
    {
        var loaded = PolicyCompiler.Load(policyDocumentJson, new PolicyCompileOptions("authorizer policy", PolicyKind.Identity, api));
        if (!loaded.IsValid)
        {
            (policy, error) = (null, loaded.ErrorMessage);
            return false;
        }
        (policy, error) = (new CompiledAuthorizerPolicy(loaded.Policy!), null);
        return true;
    }

    private sealed class CompiledAuthorizerPolicy(CompiledPolicy policy) : IAuthorizerPolicy
    {
        public PolicyEvaluation Evaluate(string methodArn) => Evaluate(methodArn, RequestContext.Empty);

        public PolicyEvaluation Evaluate(string methodArn, RequestContext conditionKeys) =>
            policy.Evaluate(new PolicyRequest(RequestPrincipal.Anonymous, PolicyRequest.InvokeAction, methodArn, conditionKeys));
    }
}
