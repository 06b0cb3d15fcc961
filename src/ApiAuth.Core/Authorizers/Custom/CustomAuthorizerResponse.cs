namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// What a custom authorizer answers, shaped like Amazon.Lambda.APIGatewayEvents' <c>APIGatewayCustomAuthorizerResponse</c>.
/// </summary>
public sealed class CustomAuthorizerResponse
{
    /// <summary>The answer that makes API Gateway reply 401 <c>{"message":"Unauthorized"}</c> (in Lambda:
    /// <c>throw new Exception("Unauthorized")</c>). Never cached.</summary>
    public static CustomAuthorizerResponse Unauthorized { get; } = new() { IsUnauthorized = true };

    /// <summary>The caller's principal id; required.</summary>
    public string? PrincipalID { get; init; }

    /// <summary>The IAM policy for <c>execute-api:Invoke</c>; required.</summary>
    public AuthorizerPolicyDocument? PolicyDocument { get; init; }

    /// <summary>Values passed to the application as <c>$context.authorizer.*</c>: strings, numbers and booleans only;
    /// any other value makes the result malformed (500), as in API Gateway.</summary>
    public IDictionary<string, object?>? Context { get; init; }

    /// <summary>The API key of a usage plan, when the API's key source is the authorizer.</summary>
    public string? UsageIdentifierKey { get; init; }

    /// <summary>Whether this is <see cref="Unauthorized"/>.</summary>
    public bool IsUnauthorized { get; private init; }
}
