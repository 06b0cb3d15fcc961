namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// The event a custom authorizer receives, shaped like Amazon.Lambda.APIGatewayEvents'
/// <c>APIGatewayCustomAuthorizerRequest</c>. The adapter fills the REQUEST fields; the invoker sets <see cref="Type"/>
/// and, for TOKEN authorizers, passes only <see cref="Type"/>, <see cref="AuthorizationToken"/> and <see cref="MethodArn"/>.
/// </summary>
public sealed class CustomAuthorizerRequest
{
    /// <summary><c>TOKEN</c> or <c>REQUEST</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The TOKEN authorizer's identity source value.</summary>
    public string? AuthorizationToken { get; init; }

    /// <summary>The method ARN: <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>.</summary>
    public required string MethodArn { get; init; }

    /// <summary>The resource template, e.g. <c>/pets/{id}</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The request path, e.g. <c>/pets/7</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The HTTP method.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>Request headers (the last value of a repeated header). Looked up case-insensitively.</summary>
    public IDictionary<string, string>? Headers { get; init; }

    /// <summary>Request headers with every value of a repeated header.</summary>
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    /// <summary>Query string parameters (the last value of a repeated name).</summary>
    public IDictionary<string, string>? QueryStringParameters { get; init; }

    /// <summary>Query string parameters with every value of a repeated name.</summary>
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; init; }

    /// <summary>Path parameters of the resource template.</summary>
    public IDictionary<string, string>? PathParameters { get; init; }

    /// <summary>The stage's variables.</summary>
    public IDictionary<string, string>? StageVariables { get; init; }

    /// <summary>The request context (account, API, stage, source IP, ...).</summary>
    public CustomAuthorizerRequestContext? RequestContext { get; init; }
}
