namespace ApiAuth.Gateway;

/// <summary>
/// Why the gateway decided as it did: one stable, typed vocabulary for every stage (policies, the SigV4 verifier,
/// authorizers, the adapter), for logs, metrics and tests. Never sent to the caller; API Gateway's status, error type
/// and message are. The SigV4 verifier and the authorizers answer in it too, so a reason keeps its name end to end.
/// </summary>
public enum DecisionReason
{
    /// <summary>The policies allow the request (or no policy applies to a method that needs none).</summary>
    Allow,

    /// <summary>A Deny statement applies (resource, identity or authorizer policy).</summary>
    ExplicitDeny,

    /// <summary>No statement allows the request.</summary>
    ImplicitDeny,

    // SigV4 (AWS_IAM).
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

    /// <summary>The request declared <c>UNSIGNED-PAYLOAD</c> (without <see cref="SigV4.SigV4VerifierOptions.AllowUnsignedPayload"/>, or in a presigned URL) or a <c>STREAMING-*</c> payload: its body is not covered by the signature.</summary>
    UnsignedPayload,

    // Token, Cognito/JWT and custom authorizers.
    /// <summary>An identity source the authorizer needs is missing or empty; the authorizer was not invoked.</summary>
    MissingIdentitySource,

    /// <summary>The token did not match the TOKEN authorizer's validation expression; it was not invoked.</summary>
    ValidationExpressionMismatch,

    /// <summary>The validation expression ran out of time on the token; treated as a mismatch (fail closed).</summary>
    ValidationExpressionTimeout,

    /// <summary>The custom authorizer answered "Unauthorized".</summary>
    AuthorizerUnauthorized,

    /// <summary>The custom authorizer threw an exception.</summary>
    AuthorizerException,

    /// <summary>The custom authorizer did not answer within its timeout.</summary>
    AuthorizerTimeout,

    /// <summary>The custom authorizer returned a result API Gateway would reject (no principal, no policy, bad context).</summary>
    MalformedAuthorizerResult,

    /// <summary>The custom authorizer returned a policy document the policy engine cannot read.</summary>
    MalformedPolicyDocument,

    /// <summary>No token was presented.</summary>
    MissingToken,

    /// <summary>The token is larger than the configured maximum.</summary>
    TokenTooLarge,

    /// <summary>The token is not a well-formed signed JWT (JWS compact serialization).</summary>
    MalformedToken,

    /// <summary>The token's <c>alg</c> header is not an allowed algorithm (for example <c>none</c> or <c>HS256</c>).</summary>
    AlgorithmNotAllowed,

    /// <summary>The token names its own key (<c>jku</c>, <c>x5u</c>, <c>jwk</c> or <c>x5c</c> header); such keys are never trusted.</summary>
    UntrustedKeyReference,

    /// <summary>The token has a <c>crit</c> header: it demands extensions this validator does not implement.</summary>
    CriticalHeaderNotSupported,

    /// <summary>The token has no <c>kid</c> header.</summary>
    MissingKeyId,

    /// <summary>The token's <c>kid</c> is not in the JWKS, even after a refresh.</summary>
    UnknownKeyId,

    /// <summary>No signing keys are available (the JWKS could never be loaded).</summary>
    NoSigningKeys,

    /// <summary>The key named by <c>kid</c> is not an RSA signing key for the token's algorithm.</summary>
    KeyAlgorithmMismatch,

    /// <summary>The signature does not verify with the key named by <c>kid</c>.</summary>
    InvalidSignature,

    /// <summary>The token's issuer is not the expected issuer.</summary>
    InvalidIssuer,

    /// <summary>The token has no <c>exp</c> claim.</summary>
    MissingExpiration,

    /// <summary>The token has expired (beyond the allowed clock skew).</summary>
    TokenExpired,

    /// <summary>The token's <c>nbf</c> is in the future (beyond the allowed clock skew).</summary>
    TokenNotYetValid,

    /// <summary>The token's <c>iat</c> is in the future (beyond the allowed clock skew).</summary>
    TokenIssuedInFuture,

    /// <summary>The token was rejected by the JWT library for another reason.</summary>
    InvalidToken,

    /// <summary>The Cognito <c>token_use</c> claim is missing or is neither <c>id</c> nor <c>access</c>.</summary>
    InvalidTokenUse,

    /// <summary>The method has no scopes, so an id token is required, but an access token was presented.</summary>
    IdTokenRequired,

    /// <summary>The method requires scopes, so an access token is required, but an id token was presented.</summary>
    AccessTokenRequired,

    /// <summary>The token's <c>aud</c> is not one of the allowed audiences or app client ids.</summary>
    AudienceNotAllowed,

    /// <summary>The access token's <c>client_id</c> is not one of the allowed app client ids.</summary>
    ClientIdNotAllowed,

    /// <summary>The token holds none of the scopes the method requires.</summary>
    InsufficientScope,

    // The gateway and the adapter.
    /// <summary>A method names an authorizer or verifier the API does not have (500 AuthorizerConfigurationException); the decision's Detail says which.</summary>
    Misconfigured,

    /// <summary>The body is larger than the configured limit (413).</summary>
    RequestTooLarge,

    /// <summary>The pipeline threw; the request is denied (500).</summary>
    PipelineFailure,

    /// <summary>A trusted proxy's forwarded-for header gives no readable client address (403).</summary>
    SourceAddressUnreadable,

    /// <summary>A trusted proxy's VPC header cannot be read (403).</summary>
    SourceVpcUnreadable,

    /// <summary>The route is protected differently in code and in configuration (500).</summary>
    ConfigurationConflict,

    /// <summary>An endpoint challenged without an ApiAuth decision (401).</summary>
    NotAuthenticated,

    /// <summary>An endpoint forbade without an ApiAuth decision (403).</summary>
    Forbidden,

    // API keys and usage plans (a method that requires an API key).
    /// <summary>The method requires an API key and the request carries none (no <c>x-api-key</c>, or no
    /// <c>usageIdentifierKey</c> from the authorizer).</summary>
    ApiKeyMissing,

    /// <summary>The <c>x-api-key</c> header is sent more than once: which key counts would be a guess.</summary>
    ApiKeyRepeated,

    /// <summary>No API key has the presented value.</summary>
    ApiKeyUnknown,

    /// <summary>The API key is disabled.</summary>
    ApiKeyDisabled,

    /// <summary>The API key belongs to none of this API's usage plans.</summary>
    ApiKeyNotInUsagePlan,

    /// <summary>The API key store failed; the request is denied.</summary>
    ApiKeyStoreFailure,

    /// <summary>The key's usage plan throttle (rate and burst) has no token left (429).</summary>
    Throttled,

    /// <summary>The key's usage plan quota for the current period is used up (429).</summary>
    QuotaExceeded,

    /// <summary>The shared usage counters (Redis) could not answer and <c>OnRedisFailure</c> is <c>Deny</c> (503).</summary>
    UsageCountersUnavailable,
}
