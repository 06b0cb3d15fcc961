namespace ApiAuth.SigV4;

/// <summary>The <c>x-amzn-ErrorType</c> values API Gateway sends for IAM authentication failures.</summary>
public static class SigV4ErrorTypes
{
    /// <summary>No authentication was sent.</summary>
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    /// <summary>The signature parameters are malformed or incomplete.</summary>
    public const string IncompleteSignature = "IncompleteSignatureException";

    /// <summary>The signature is wrong, expired, or scoped wrongly.</summary>
    public const string InvalidSignature = "InvalidSignatureException";

    /// <summary>The access key or session token is not recognised.</summary>
    public const string UnrecognizedClient = "UnrecognizedClientException";

    /// <summary>An internal failure, denied.</summary>
    public const string InternalFailure = "InternalServerErrorException";
}
