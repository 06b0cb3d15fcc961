namespace ApiAuth.SigV4;

/// <summary>What the verifier accepts. The defaults are API Gateway's.</summary>
public sealed class SigV4VerifierOptions
{
    /// <summary>Regions a credential scope may name (the API's region). Default: <c>us-east-1</c>.</summary>
    public IReadOnlyCollection<string> Regions { get; init; } = ["us-east-1"];

    /// <summary>The service a credential scope must name. Default: <c>execute-api</c>.</summary>
    public string Service { get; init; } = SigV4Constants.ExecuteApiService;

    /// <summary>How far a request's date may be from now. API Gateway allows 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the canonical URI has dot segments and repeated slashes removed, as every AWS service but S3 does.
    /// Default true.
    /// </summary>
    public bool NormalizePath { get; init; } = true;

    /// <summary>
    /// Whether a header-form request may declare <c>x-amz-content-sha256: UNSIGNED-PAYLOAD</c>, leaving its body out
    /// of the signature. Default false, as API Gateway: only S3 defines the unsigned-payload option, and accepting it
    /// lets anyone who captures a signed request send it with another body. Presigned URLs always have their body
    /// hashed, and the streaming values (<c>STREAMING-*</c>, chunk-signed or not) are refused either way: this
    /// verifier does not decode <c>aws-chunked</c> bodies or check chunk signatures.
    /// </summary>
    public bool AllowUnsignedPayload { get; init; }

    /// <summary>The longest <c>Authorization</c> header accepted, in characters. Default 8192.</summary>
    public int MaxAuthorizationLength { get; init; } = 8192;

    /// <summary>The most headers a request may sign. Default 64.</summary>
    public int MaxSignedHeaders { get; init; } = 64;

    internal void Validate()
    {
        if (Regions is null || Regions.Count == 0 || Regions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("SigV4VerifierOptions.Regions must name at least one region, e.g. \"us-east-1\".");
        }
        if (string.IsNullOrWhiteSpace(Service))
        {
            throw new ArgumentException("SigV4VerifierOptions.Service must name the service, e.g. \"execute-api\".");
        }
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("SigV4VerifierOptions.ClockSkew must be between 0 and 1 hour (API Gateway uses 5 minutes).");
        }
        if (MaxAuthorizationLength < 256 || MaxSignedHeaders < 1)
        {
            throw new ArgumentException("SigV4VerifierOptions limits are too small to verify any real request.");
        }
    }
}
