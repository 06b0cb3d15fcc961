using ApiAuth.Authorizers;

namespace ApiAuth.Gateway;

/// <summary>
/// API Gateway's 403 messages for policy denials (AWS knowledge center "Why do I get 403 errors with a Lambda
/// authorizer" and "How API Gateway resource policies affect authorization workflow").
/// </summary>
internal static class AccessDeniedMessages
{
    private const string ExplicitSuffix = " with an explicit deny";

    /// <summary>
    /// A denial by IAM or resource policy: <c>User: {caller} is not authorized to perform: execute-api:Invoke on
    /// resource: {arn}</c>, with <c>" with an explicit deny"</c> when a Deny statement matched. The caller is
    /// <c>anonymous</c> for NONE, COGNITO and CUSTOM methods, the IAM ARN for AWS_IAM methods.
    /// </summary>
    /// <param name="caller">The caller's ARN or <c>anonymous</c>.</param>
    /// <param name="methodArn">The method ARN.</param>
    /// <param name="explicitDeny">Whether a Deny statement matched.</param>
    /// <returns>The message.</returns>
    public static string NotAuthorizedToInvoke(string caller, string methodArn, bool explicitDeny) =>
        $"User: {caller} is not authorized to perform: execute-api:Invoke on resource: {methodArn}{(explicitDeny ? ExplicitSuffix : string.Empty)}";

    /// <summary>A denial by a Lambda authorizer's policy: <c>User is not authorized to access this resource</c> (+ explicit deny).</summary>
    /// <param name="explicitDeny">Whether the authorizer's policy had a matching Deny.</param>
    /// <returns>The message.</returns>
    public static string AuthorizerDenied(bool explicitDeny) =>
        explicitDeny ? AuthorizerOutcome.ExplicitDenyMessage : AuthorizerOutcome.AccessDeniedMessage;
}
