namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// A Lambda-style authorizer written in C#. Ported Lambda code keeps its shape: the request and response use the
/// property names of Amazon.Lambda.APIGatewayEvents' <c>APIGatewayCustomAuthorizerRequest</c> and
/// <c>APIGatewayCustomAuthorizerResponse</c>.
/// </summary>
public interface ICustomAuthorizer
{
    /// <summary>Decides who the caller is and what it may call.</summary>
    /// <param name="request">For TOKEN authorizers: <c>Type</c>, <c>AuthorizationToken</c> and <c>MethodArn</c>; for REQUEST
    /// authorizers: everything but <c>AuthorizationToken</c>.</param>
    /// <param name="cancellationToken">Cancelled when the authorizer's timeout elapses.</param>
    /// <returns>The principal, policy and context, or <see cref="CustomAuthorizerResponse.Unauthorized"/> for a 401.
    /// As in Lambda, throwing an exception whose message is exactly <c>Unauthorized</c> also means 401; any other
    /// exception means 500.</returns>
    Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken);
}
