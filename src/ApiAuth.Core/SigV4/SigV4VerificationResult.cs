using ApiAuth.Gateway;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.SigV4;

/// <summary>The outcome of verifying a request: valid with its credential, or a reason with API Gateway's response.</summary>
public sealed class SigV4VerificationResult
{
    private SigV4VerificationResult(DecisionReason reason, int statusCode, string? errorType, string? message, AccessKeyCredential? credential)
    {
        Reason = reason;
        StatusCode = statusCode;
        ErrorType = errorType;
        Message = message;
        Credential = credential;
    }

    /// <summary>True when the signature verified.</summary>
    public bool IsValid => Reason == DecisionReason.Allow;

    /// <summary>The stable reason code (<see cref="DecisionReason.Allow"/> when valid).</summary>
    public DecisionReason Reason { get; }

    /// <summary>The HTTP status API Gateway answers with: 200 when valid, 403 for authentication failures, 500 when the store failed.</summary>
    public int StatusCode { get; }

    /// <summary>The <c>x-amzn-ErrorType</c> header value, null when valid.</summary>
    public string? ErrorType { get; }

    /// <summary>API Gateway's message, null when valid.</summary>
    public string? Message { get; }

    /// <summary>The verified credential, null when invalid.</summary>
    public AccessKeyCredential? Credential { get; }

    /// <summary>The canonical request the verifier computed, when diagnostics were asked for.</summary>
    public string? CanonicalRequest { get; init; }

    /// <summary>The string to sign the verifier computed, when diagnostics were asked for.</summary>
    public string? StringToSign { get; init; }

    // One per credential: verifying a request allocates no result (a benign race at worst builds two equal ones).
    internal static SigV4VerificationResult Success(AccessKeyCredential credential) =>
        credential.Verified ??= new(DecisionReason.Allow, 200, null, null, credential);

    internal static SigV4VerificationResult Fail(DecisionReason reason, string errorType, string message) =>
        new(reason, reason == DecisionReason.CredentialStoreFailure ? 500 : 403, errorType, message, null);

    internal SigV4VerificationResult WithDiagnostics(string? canonicalRequest, string? stringToSign) =>
        new(Reason, StatusCode, ErrorType, Message, Credential) { CanonicalRequest = canonicalRequest, StringToSign = stringToSign };

    /// <summary>Describes the outcome without secrets.</summary>
    public override string ToString() => IsValid ? $"Valid ({Credential})" : $"{Reason}: {Message}";
}
