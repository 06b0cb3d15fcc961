namespace ApiAuth.UsagePlans;

/// <summary>Where API Gateway reads a request's API key (the REST API's <c>apiKeySource</c>).</summary>
public enum ApiKeySource
{
    /// <summary>The <c>x-api-key</c> request header (API Gateway's <c>HEADER</c>, the default).</summary>
    Header,

    /// <summary>The custom authorizer's <c>usageIdentifierKey</c> (API Gateway's <c>AUTHORIZER</c>).</summary>
    Authorizer,
}
