namespace ApiAuth.Testing;

/// <summary>How <see cref="ApiAuthTestKit.SigV4Handler"/> signs: the two forms API Gateway accepts.</summary>
public enum SigV4Form
{
    /// <summary>An <c>Authorization</c> header with <c>X-Amz-Date</c> (and <c>X-Amz-Security-Token</c>), as AWS SDKs sign.</summary>
    Header,

    /// <summary>A presigned URL: <c>X-Amz-Algorithm</c>, <c>X-Amz-Credential</c>, ... <c>X-Amz-Signature</c> in the query, valid for 5 minutes.</summary>
    Presigned,
}
