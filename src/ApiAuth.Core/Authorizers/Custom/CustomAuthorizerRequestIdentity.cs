namespace ApiAuth.Authorizers.Custom;

/// <summary>The caller part of the request context, like Amazon.Lambda.APIGatewayEvents' <c>RequestIdentity</c>.</summary>
public sealed class CustomAuthorizerRequestIdentity
{
    /// <summary>The caller's IP address, from the connection or a trusted proxy (<c>context.identity.sourceIp</c>).</summary>
    public string? SourceIp { get; init; }

    /// <summary>The <c>User-Agent</c> header (<c>context.identity.userAgent</c>).</summary>
    public string? UserAgent { get; init; }
}
