namespace ApiAuth.Authorizers;

/// <summary>
/// Stable, machine-readable reason for an authorizer outcome. The HTTP response never reveals it (API Gateway answers
/// every rejection with the same body); it exists for logs, metrics and tests.
/// </summary>
public enum AuthorizerReason
{
    /// <summary>The caller is allowed.</summary>
    Allowed,

    /// <summary>An identity source the authorizer needs is missing or empty; the authorizer was not invoked.</summary>
    MissingIdentitySource,

    /// <summary>The token did not match the TOKEN authorizer's validation expression; it was not invoked.</summary>
    ValidationExpressionMismatch,

    /// <summary>The validation expression ran out of time on the token; treated as a mismatch (fail closed).</summary>
    ValidationExpressionTimeout,

    /// <summary>The custom authorizer answered "Unauthorized".</summary>
    AuthorizerUnauthorized,

    /// <summary>The authorizer's policy explicitly denies the method.</summary>
    ExplicitDeny,

    /// <summary>The authorizer's policy does not allow the method.</summary>
    ImplicitDeny,

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
}
