namespace ApiAuth.Definitions;

/// <summary>
/// The <c>x-amazon-apigateway-*</c> keys and what ApiAuth does with each (DESIGN §7): read, read past (the app's
/// own business, not security), or refused with a reason. A key not listed here is refused as unknown.
/// </summary>
internal static class ApiGatewayExtensions
{
    public const string Prefix = "x-amazon-apigateway-";
    public const string AuthType = "x-amazon-apigateway-authtype";
    public const string Authorizer = "x-amazon-apigateway-authorizer";
    public const string Auth = "x-amazon-apigateway-auth";
    public const string Policy = "x-amazon-apigateway-policy";
    public const string GatewayResponses = "x-amazon-apigateway-gateway-responses";
    public const string AnyMethod = "x-amazon-apigateway-any-method";
    public const string ApiKeySource = "x-amazon-apigateway-api-key-source";

    /// <summary>Keys the reader interprets where they belong.</summary>
    public static readonly IReadOnlySet<string> Read = new HashSet<string>(StringComparer.Ordinal) { AuthType, Authorizer, Auth, Policy, GatewayResponses, AnyMethod };

    /// <summary>Keys read past without error: integrations, CORS, media types, documentation and the like.</summary>
    public static readonly IReadOnlySet<string> ReadPast = new HashSet<string>(StringComparer.Ordinal)
    {
        "x-amazon-apigateway-integration",
        "x-amazon-apigateway-integrations",
        "x-amazon-apigateway-cors",
        "x-amazon-apigateway-binary-media-types",
        "x-amazon-apigateway-documentation",
        "x-amazon-apigateway-minimum-compression-size",
        "x-amazon-apigateway-tag-value",
        "x-amazon-apigateway-importexport-version",
    };

    /// <summary>Known keys ApiAuth refuses, with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["x-amazon-apigateway-request-validators"] = "request validation is not enforced by ApiAuth.",
        ["x-amazon-apigateway-request-validator"] = "request validation is not enforced by ApiAuth.",
        ["x-amazon-apigateway-endpoint-configuration"] = "endpoint configuration (private API VPC endpoints, disabling the default endpoint) is not enforced by ApiAuth.",
    };
}
