namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// The request context of a REQUEST authorizer event, a subset of Amazon.Lambda.APIGatewayEvents'
/// <c>ProxyRequestContext</c>. Its values are also the <c>context.*</c> identity sources.
/// </summary>
public sealed class CustomAuthorizerRequestContext
{
    /// <summary>The API owner's account id (<c>context.accountId</c>).</summary>
    public string? AccountId { get; init; }

    /// <summary>The API id (<c>context.apiId</c>).</summary>
    public string? ApiId { get; init; }

    /// <summary>The stage (<c>context.stage</c>).</summary>
    public string? Stage { get; init; }

    /// <summary>The request id (<c>context.requestId</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>The resource template (<c>context.resourcePath</c>).</summary>
    public string? ResourcePath { get; init; }

    /// <summary>The HTTP method (<c>context.httpMethod</c>).</summary>
    public string? HttpMethod { get; init; }

    /// <summary>The request path (<c>context.path</c>).</summary>
    public string? Path { get; init; }

    /// <summary>The request protocol, e.g. <c>HTTP/1.1</c> (<c>context.protocol</c>).</summary>
    public string? Protocol { get; init; }

    /// <summary>The host the request was sent to (<c>context.domainName</c>).</summary>
    public string? DomainName { get; init; }

    /// <summary>The caller (<c>context.identity.*</c>).</summary>
    public CustomAuthorizerRequestIdentity? Identity { get; init; }

    /// <summary>Looks up a <c>context.*</c> identity source by its name after <c>context.</c>.</summary>
    internal string? Find(string name) => name switch
    {
        "accountId" => AccountId,
        "apiId" => ApiId,
        "stage" => Stage,
        "requestId" => RequestId,
        "resourcePath" => ResourcePath,
        "httpMethod" => HttpMethod,
        "path" => Path,
        "protocol" => Protocol,
        "domainName" => DomainName,
        "identity.sourceIp" => Identity?.SourceIp,
        "identity.userAgent" => Identity?.UserAgent,
        _ => null,
    };
}
