namespace ApiAuth.Model;

/// <summary>A validated override of one gateway response type, as API Gateway allows one.</summary>
public sealed class GatewayResponseOverride
{
    internal GatewayResponseOverride(string type, int? statusCode, IReadOnlyDictionary<string, string> headers, string? bodyTemplate)
    {
        Type = type;
        StatusCode = statusCode;
        Headers = headers;
        BodyTemplate = bodyTemplate;
    }

    /// <summary>The response type, e.g. <c>ACCESS_DENIED</c>.</summary>
    public string Type { get; }

    /// <summary>The status sent instead of the default, or null.</summary>
    public int? StatusCode { get; }

    /// <summary>Headers added to the response.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body template, or null for the default <c>{"message":$context.error.messageString}</c>.</summary>
    public string? BodyTemplate { get; }
}
