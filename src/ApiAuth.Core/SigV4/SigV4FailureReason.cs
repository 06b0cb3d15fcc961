namespace ApiAuth.SigV4;

/// <summary>Why a request failed Signature Version 4 verification: stable codes for logs, metrics and tests.</summary>
public enum SigV4FailureReason
{
    /// <summary>The request verified.</summary>
    None = 0,

    /// <summary>Neither an <c>Authorization</c> header nor presigned query parameters were present.</summary>
    MissingAuthenticationToken,

    /// <summary>The <c>Authorization</c> header or the presigned parameters are malformed or incomplete.</summary>
    IncompleteSignature,

    /// <summary>Both header and query-string authentication, or a repeated authentication parameter.</summary>
    AmbiguousAuthentication,

    /// <summary>An algorithm other than <c>AWS4-HMAC-SHA256</c>.</summary>
    UnsupportedAlgorithm,

    /// <summary>The credential is not <c>key/date/region/service/aws4_request</c>.</summary>
    MalformedCredential,

    /// <summary><c>X-Amz-Date</c> (or <c>Date</c>) is missing or not ISO 8601 basic format.</summary>
    InvalidDate,

    /// <summary>The credential scope's date is not the request's date.</summary>
    ScopeDateMismatch,

    /// <summary>The credential scope names a region this API does not serve.</summary>
    WrongRegion,

    /// <summary>The credential scope names another service.</summary>
    WrongService,

    /// <summary>The credential scope does not end in <c>aws4_request</c>.</summary>
    WrongTerminator,

    /// <summary><c>host</c> is not among the signed headers.</summary>
    HostNotSigned,

    /// <summary>A header named in <c>SignedHeaders</c> is not in the request.</summary>
    SignedHeaderMissing,

    /// <summary>The request is older than the clock window allows (or a presigned URL has expired).</summary>
    SignatureExpired,

    /// <summary>The request is dated further in the future than the clock window allows.</summary>
    SignatureNotYetCurrent,

    /// <summary><c>X-Amz-Expires</c> is not a number from 1 to 604800.</summary>
    InvalidExpires,

    /// <summary>The access key id is not in the credential store.</summary>
    UnknownAccessKey,

    /// <summary>The session token is missing, unexpected or wrong for the access key.</summary>
    InvalidSessionToken,

    /// <summary><c>x-amz-content-sha256</c> does not match the body.</summary>
    PayloadHashMismatch,

    /// <summary>The signature is not 64 lower-case hex digits.</summary>
    MalformedSignature,

    /// <summary>The signature does not match the one computed from the request.</summary>
    SignatureDoesNotMatch,

    /// <summary>The credential store failed; the request is denied.</summary>
    CredentialStoreFailure,

    /// <summary>
    /// The request declared <c>UNSIGNED-PAYLOAD</c> (without <see cref="SigV4VerifierOptions.AllowUnsignedPayload"/>,
    /// or in a presigned URL) or a <c>STREAMING-*</c> payload: its body is not covered by the signature.
    /// </summary>
    UnsignedPayload,
}
