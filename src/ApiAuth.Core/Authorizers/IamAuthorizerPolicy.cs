using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Authorizers;

/// <summary>A custom authorizer's policy compiled by the IAM policy engine.</summary>
public sealed class IamAuthorizerPolicy : IAuthorizerPolicy
{
    internal IamAuthorizerPolicy(CompiledPolicy policy) => Policy = policy;

    /// <summary>The compiled policy, for <c>GatewayAuthorization.AuthorizeWithAuthorizerPolicy</c> and explanations.</summary>
    public CompiledPolicy Policy { get; }

    /// <inheritdoc/>
    public AuthorizerPolicyDecision Evaluate(string methodArn) =>
        Policy.Evaluate(new PolicyRequest(RequestPrincipal.Anonymous, PolicyRequest.InvokeAction, methodArn)).Decision switch
        {
            PolicyDecision.Allow => AuthorizerPolicyDecision.Allow,
            PolicyDecision.ExplicitDeny => AuthorizerPolicyDecision.ExplicitDeny,
            _ => AuthorizerPolicyDecision.ImplicitDeny,
        };
}
