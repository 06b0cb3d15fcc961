using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Authorizers;

/// <summary>
/// A custom authorizer's policy document, compiled once per authorizer result and evaluated for every method ARN the
/// cached result is used for.
/// </summary>
public interface IAuthorizerPolicy
{
    /// <summary>Evaluates <c>execute-api:Invoke</c> on <paramref name="methodArn"/>.</summary>
    /// <param name="methodArn">The method ARN, e.g. <c>arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/pets</c>.</param>
    /// <returns>The decision and the statement that decided it; never throws for a compiled policy.</returns>
    PolicyEvaluation Evaluate(string methodArn);

    /// <summary>
    /// Evaluates <c>execute-api:Invoke</c> on <paramref name="methodArn"/> with the request's condition keys
    /// (<c>aws:SourceIp</c>, ...), as API Gateway evaluates an authorizer's policy. Policies without conditions can
    /// rely on the default, which ignores the keys.
    /// </summary>
    /// <param name="methodArn">The method ARN.</param>
    /// <param name="conditionKeys">The request's condition keys.</param>
    /// <returns>The decision and the statement that decided it; never throws for a compiled policy.</returns>
    PolicyEvaluation Evaluate(string methodArn, RequestContext conditionKeys) => Evaluate(methodArn);
}
