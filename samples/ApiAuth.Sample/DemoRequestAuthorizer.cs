using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Sample;

/// <summary>
/// The demo REQUEST authorizer "demo-request" on header <c>X-Tenant</c> and query <c>key</c>: <c>key=demo-key</c>
/// allows, with the tenant as principalId; any other key is denied.
/// </summary>
internal sealed class DemoRequestAuthorizer : ICustomAuthorizer
{
    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken)
    {
        var tenant = request.Headers?.FirstOrDefault(h => h.Key.Equals("X-Tenant", StringComparison.OrdinalIgnoreCase)).Value ?? "";
        string? key = null;
        request.QueryStringParameters?.TryGetValue("key", out key);
        var effect = key == "demo-key" ? "Allow" : "Deny";
        // Wildcard over the stage's methods, so the cached result serves later calls too, as Lambda authorizers often do.
        var stageArn = string.Join('/', request.MethodArn.Split('/').Take(2));
        return Task.FromResult(new CustomAuthorizerResponse
        {
            PrincipalID = tenant,
            PolicyDocument = new AuthorizerPolicyDocument
            {
                Statement = [new AuthorizerPolicyStatement { Effect = effect, Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { stageArn + "/GET/admin" } }],
            },
            Context = new Dictionary<string, object?> { ["tenant"] = tenant },
        });
    }
}
