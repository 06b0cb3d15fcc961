namespace ApiAuth.SigV4.Signing;

/// <summary>A computed signature: the headers (or URL) to send, and the texts that were signed.</summary>
public sealed class SigV4Signature
{
    internal SigV4Signature(IReadOnlyList<KeyValuePair<string, string>> headers, Uri? presignedUri, string signature, string canonicalRequest, string stringToSign)
    {
        Headers = headers;
        PresignedUri = presignedUri;
        Signature = signature;
        CanonicalRequest = canonicalRequest;
        StringToSign = stringToSign;
    }

    /// <summary>Headers to add to the request (<c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c>, <c>Authorization</c>); empty when presigned.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The presigned URL, for the query-string form.</summary>
    public Uri? PresignedUri { get; }

    /// <summary>The hex signature.</summary>
    public string Signature { get; }

    /// <summary>The canonical request that was signed.</summary>
    public string CanonicalRequest { get; }

    /// <summary>The string to sign.</summary>
    public string StringToSign { get; }
}
