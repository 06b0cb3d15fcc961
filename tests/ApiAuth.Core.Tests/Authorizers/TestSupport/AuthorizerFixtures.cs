using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>Method ARNs and authorizer answers used across the authorizer tests.</summary>
internal static class AuthorizerFixtures
{
    public const string ApiArn = "arn:aws:execute-api:us-east-1:123456789012:api123/prod";
    public const string GetPets = ApiArn + "/GET/pets";
    public const string DeletePets = ApiArn + "/DELETE/pets";
    public const string GetOrders = ApiArn + "/GET/orders";

    public static CustomAuthorizerResponse Answer(string principalId, string effect, params string[] resources) => new()
    {
        PrincipalID = principalId,
        PolicyDocument = new AuthorizerPolicyDocument
        {
            Statement =
            [
                new AuthorizerPolicyStatement
                {
                    Effect = effect,
                    Action = new HashSet<string> { "execute-api:Invoke" },
                    Resource = new HashSet<string>(resources),
                },
            ],
        },
    };

    public static CustomAuthorizerResponse Allow(string principalId, params string[] resources) => Answer(principalId, "Allow", resources);

    public static CustomAuthorizerRequest Request(string methodArn, string? authorization = null) => new()
    {
        MethodArn = methodArn,
        Headers = authorization is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = authorization },
    };
}
