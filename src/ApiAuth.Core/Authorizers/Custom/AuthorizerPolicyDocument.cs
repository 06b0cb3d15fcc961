namespace ApiAuth.Authorizers.Custom;

/// <summary>An authorizer's IAM policy, shaped like Amazon.Lambda.APIGatewayEvents' <c>APIGatewayCustomAuthorizerPolicy</c>.</summary>
public sealed class AuthorizerPolicyDocument
{
    /// <summary>The policy language version; <c>2012-10-17</c> unless set.</summary>
    public string Version { get; init; } = "2012-10-17";

    /// <summary>The statements.</summary>
    public IList<AuthorizerPolicyStatement> Statement { get; init; } = [];
}
