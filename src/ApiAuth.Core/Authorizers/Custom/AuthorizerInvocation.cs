using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Authorizers.Custom;

/// <summary>What one invocation of a custom authorizer produced: a usable result, or a rejection that is never cached.</summary>
internal sealed class AuthorizerInvocation
{
    private AuthorizerInvocation(CustomAuthorizerResult? result, AuthorizerOutcome? failure)
    {
        Result = result;
        Failure = failure;
    }

    public CustomAuthorizerResult? Result { get; }

    /// <summary>The rejection, when there is no result.</summary>
    public AuthorizerOutcome? Failure { get; }

    public static AuthorizerInvocation Succeeded(CustomAuthorizerResult result) => new(result, null);

    public static AuthorizerInvocation Failed(AuthorizerOutcome failure) => new(null, failure);

    public AuthorizerOutcome OutcomeFor(string methodArn, RequestContext? conditionKeys) => Result?.Evaluate(methodArn, conditionKeys) ?? Failure!;
}
