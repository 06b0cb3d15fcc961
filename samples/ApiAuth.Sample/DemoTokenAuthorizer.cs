using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Sample;

/// <summary>
/// The demo TOKEN authorizer "demo-token": token <c>allow</c> → Allow, <c>deny</c> → Deny, <c>unauthorized</c> →
/// 401, anything else → an error (500), the four outcomes a Lambda TOKEN authorizer can produce.
/// </summary>
internal sealed class DemoTokenAuthorizer : ICustomAuthorizer
{
    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
        request.AuthorizationToken switch
        {
            "allow" => Task.FromResult(Policy("Allow", request.MethodArn)),
            "deny" => Task.FromResult(Policy("Deny", request.MethodArn)),
            "unauthorized" => Task.FromResult(CustomAuthorizerResponse.Unauthorized),
            _ => throw new InvalidOperationException("The demo authorizer only knows allow, deny and unauthorized."),
        };

    private static CustomAuthorizerResponse Policy(string effect, string methodArn) => new()
    {
        PrincipalID = "demo-user",
        PolicyDocument = new AuthorizerPolicyDocument
        {
            Statement = [new AuthorizerPolicyStatement { Effect = effect, Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { methodArn } }],
        },
        Context = new Dictionary<string, object?> { ["tier"] = "demo", ["quota"] = 100, ["verified"] = true },
    };
}
