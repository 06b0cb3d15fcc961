namespace ApiAuth.SigV4;

/// <summary>Names and fixed values of AWS Signature Version 4.</summary>
internal static class SigV4Constants
{
    /// <summary>The only algorithm execute-api accepts.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The last element of every credential scope.</summary>
    public const string ScopeTerminator = "aws4_request";

    /// <summary>API Gateway's service name.</summary>
    public const string ExecuteApiService = "execute-api";

    /// <summary>Hex SHA-256 of the empty string: the payload hash of a request without a body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The payload-hash value a client uses to opt out of body signing.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The prefix of the streaming (<c>aws-chunked</c>) payload-hash values, e.g. <c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>.</summary>
    public const string StreamingPayloadPrefix = "STREAMING-";

    /// <summary>Date and time format of <c>X-Amz-Date</c> (ISO 8601 basic, UTC).</summary>
    public const string DateTimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The longest presigned URL lifetime AWS accepts, in seconds (7 days).</summary>
    public const int MaxPresignExpirySeconds = 604800;

    internal const string AmzDateHeader = "x-amz-date";
    internal const string DateHeader = "date";
    internal const string AuthorizationHeader = "authorization";
    internal const string SecurityTokenHeader = "x-amz-security-token";
    internal const string ContentSha256Header = "x-amz-content-sha256";
    internal const string HostHeader = "host";

    internal const string QueryAlgorithm = "X-Amz-Algorithm";
    internal const string QueryCredential = "X-Amz-Credential";
    internal const string QueryDate = "X-Amz-Date";
    internal const string QueryExpires = "X-Amz-Expires";
    internal const string QuerySignedHeaders = "X-Amz-SignedHeaders";
    internal const string QuerySignature = "X-Amz-Signature";
    internal const string QuerySecurityToken = "X-Amz-Security-Token";
    internal const string QueryContentSha256 = "X-Amz-Content-Sha256";
}
