namespace ApiAuth.Definitions;

/// <summary>
/// What an API definition (an API Gateway OpenAPI/Swagger export) says about security, in the terms ApiAuth's
/// settings use: routes with their auth, authorizers, the resource policy and gateway responses. What it asks for
/// that ApiAuth does not enforce is in <see cref="Refused"/> (acceptable by name) and <see cref="Errors"/> (not).
/// </summary>
internal sealed record ApiDefinition
{
    /// <summary>"OpenAPI 3.0.1", "Swagger 2.0".</summary>
    public required string Format { get; init; }

    /// <summary>The stage named by the base path (<c>basePath</c> or the <c>servers</c> URL), or null.</summary>
    public string? Stage { get; init; }

    /// <summary>Every operation, in document order.</summary>
    public required IReadOnlyList<DefinitionRoute> Routes { get; init; }

    /// <summary>Authorizers by the security scheme's name.</summary>
    public required IReadOnlyDictionary<string, DefinitionAuthorizer> Authorizers { get; init; }

    /// <summary>The resource policy as JSON (<c>x-amazon-apigateway-policy</c>), or null.</summary>
    public string? ResourcePolicy { get; init; }

    /// <summary><c>x-amazon-apigateway-api-key-source</c>: HEADER or AUTHORIZER; null when the export does not say.</summary>
    public string? ApiKeySource { get; init; }

    /// <summary>Gateway response overrides by type (<c>x-amazon-apigateway-gateway-responses</c>).</summary>
    public required IReadOnlyDictionary<string, DefinitionGatewayResponse> GatewayResponses { get; init; }

    /// <summary>Items ApiAuth does not enforce; each stops the app unless named in <c>Ignore</c>.</summary>
    public required IReadOnlyList<DefinitionFinding> Refused { get; init; }

    /// <summary>Faults that always stop the app.</summary>
    public required IReadOnlyList<DefinitionFinding> Errors { get; init; }

    /// <summary>The refused items <paramref name="ignore"/> does not accept (by item name or by path).</summary>
    public IEnumerable<DefinitionFinding> Unaccepted(IEnumerable<string> ignore)
    {
        var accepted = new HashSet<string>(ignore, StringComparer.Ordinal);
        return Refused.Where(finding => !accepted.Contains(finding.Item) && !accepted.Contains(finding.Path));
    }
}
