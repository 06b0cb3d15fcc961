namespace ApiAuth.Gateway;

/// <summary>API Gateway's gateway response types that authorization can produce; responses are overridable per type.</summary>
public static class GatewayResponseTypes
{
    /// <summary>401: the authorizer or token said no.</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>403: a policy denied.</summary>
    public const string AccessDenied = "ACCESS_DENIED";

    /// <summary>403: an expired or unrecognised security token.</summary>
    public const string ExpiredToken = "EXPIRED_TOKEN";

    /// <summary>403: a bad, expired or mis-scoped SigV4 signature.</summary>
    public const string InvalidSignature = "INVALID_SIGNATURE";

    /// <summary>403: no authentication at all.</summary>
    public const string MissingAuthenticationToken = "MISSING_AUTHENTICATION_TOKEN";

    /// <summary>500: the authorizer failed.</summary>
    public const string AuthorizerFailure = "AUTHORIZER_FAILURE";

    /// <summary>500: the authorizer threw, timed out or returned a malformed result.</summary>
    public const string AuthorizerConfigurationError = "AUTHORIZER_CONFIGURATION_ERROR";

    /// <summary>413: the body is larger than the configured limit.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>403: a method requires an API key and the request's is missing, unknown, disabled or in no usage plan of the API.</summary>
    public const string InvalidApiKey = "INVALID_API_KEY";

    /// <summary>429: the API key's usage plan throttle.</summary>
    public const string Throttled = "THROTTLED";

    /// <summary>429: the API key's usage plan quota.</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";

    /// <summary>Any other 4xx.</summary>
    public const string Default4xx = "DEFAULT_4XX";

    /// <summary>Any other 5xx.</summary>
    public const string Default5xx = "DEFAULT_5XX";

    /// <summary>Every type above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Unauthorized, AccessDenied, ExpiredToken, InvalidSignature, MissingAuthenticationToken, AuthorizerFailure, AuthorizerConfigurationError, RequestTooLarge, InvalidApiKey, Throttled, QuotaExceeded, Default4xx, Default5xx];
}
