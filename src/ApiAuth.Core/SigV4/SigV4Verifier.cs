using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Canonicalization;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4.Signing;

namespace ApiAuth.SigV4;

/// <summary>
/// Verifies AWS Signature Version 4 requests (header and presigned forms) exactly as API Gateway does, with
/// API Gateway's error types and messages. Thread-safe; create one per API and reuse it.
/// </summary>
public sealed class SigV4Verifier
{
    private const string MismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private readonly ICredentialStore _credentials;
    private readonly SigV4VerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _regions;
    private readonly SigningKeyCache _signingKeys = new();

    /// <summary>Creates a verifier.</summary>
    /// <param name="credentials">Where access keys are looked up.</param>
    /// <param name="options">What to accept; null for API Gateway's defaults in us-east-1.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message says how to fix them.</exception>
    public SigV4Verifier(ICredentialStore credentials, SigV4VerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _options = options ?? new SigV4VerifierOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _regions = _options.Regions.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Whether a request claims a signature, read exactly as <see cref="VerifyAsync(SigV4Request, CancellationToken)"/>
    /// reads it: an <c>Authorization</c> header, or an <c>X-Amz-Algorithm</c> query parameter however its name is
    /// percent-encoded. Adapters ask this to decide whether a body must be read and hashed; a check of their own that
    /// missed a spelling the verifier accepts would let a body the signature never covered through.
    /// </summary>
    /// <param name="rawTarget">The request target as received (path and query, not decoded).</param>
    /// <param name="hasAuthorizationHeader">Whether the request has an <c>Authorization</c> header.</param>
    /// <returns>True when the verifier would check a signature rather than answer "Missing Authentication Token".</returns>
    public static bool ClaimsSignature(string rawTarget, bool hasAuthorizationHeader)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        if (hasAuthorizationHeader)
        {
            return true;
        }
        CanonicalRequestWriter.SplitTarget(rawTarget, out _, out var query);
        return SignatureParameters.HasQueryParameter(query, SigV4Constants.QueryAlgorithm);
    }

    /// <summary>Verifies a request.</summary>
    public ValueTask<SigV4VerificationResult> VerifyAsync(SigV4Request request, CancellationToken cancellationToken = default) =>
        VerifyAsync(request, includeDiagnostics: false, cancellationToken);

    /// <summary>
    /// Verifies a request; with <paramref name="includeDiagnostics"/> the result also carries the canonical request
    /// and string to sign the verifier computed, to debug "signature does not match".
    /// </summary>
    public ValueTask<SigV4VerificationResult> VerifyAsync(SigV4Request request, bool includeDiagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failure = SignatureParameters.TryRead(request, _options, out var parameters) ?? CheckScopeAndTime(parameters);
        if (failure is not null)
        {
            return new(failure);
        }
        // The in-memory store answers synchronously from the key id as it sits in the header: no string, no await.
        if (_credentials is InMemoryCredentialStore memory)
        {
            return new(CheckCredential(request, parameters, memory.Find(parameters.CredentialSource.AsSpan()[parameters.AccessKeyId]), includeDiagnostics));
        }
        return FindAndCheckAsync(request, parameters, includeDiagnostics, cancellationToken);
    }

    private async ValueTask<SigV4VerificationResult> FindAndCheckAsync(SigV4Request request, SignatureParameters parameters, bool includeDiagnostics, CancellationToken cancellationToken)
    {
        AccessKeyCredential? credential;
        try
        {
            credential = await _credentials.FindAsync(parameters.CredentialSource[parameters.AccessKeyId], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return SigV4VerificationResult.Fail(DecisionReason.CredentialStoreFailure, SigV4ErrorTypes.InternalFailure, "Internal server error");
        }
        return CheckCredential(request, parameters, credential, includeDiagnostics);
    }

    private SigV4VerificationResult CheckCredential(SigV4Request request, in SignatureParameters parameters, AccessKeyCredential? credential, bool includeDiagnostics)
    {
        if (credential is null)
        {
            return SigV4VerificationResult.Fail(DecisionReason.UnknownAccessKey, SigV4ErrorTypes.UnrecognizedClient, "The security token included in the request is invalid.");
        }
        if (!SessionTokenMatches(credential.SessionToken, parameters.SessionToken))
        {
            return SigV4VerificationResult.Fail(DecisionReason.InvalidSessionToken, SigV4ErrorTypes.UnrecognizedClient, "The security token included in the request is invalid.");
        }
        return CheckSignature(request, parameters, credential, includeDiagnostics);
    }

    private SigV4VerificationResult? CheckScopeAndTime(in SignatureParameters parameters)
    {
        var amzDate = parameters.AmzDateSpan;
        if (!parameters.ScopeDateSpan.SequenceEqual(amzDate[..8]))
        {
            return Invalid(DecisionReason.ScopeDateMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{parameters.ScopeDateSpan}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
        if (!_regions.Contains(parameters.RegionSpan))
        {
            return Invalid(DecisionReason.WrongRegion, $"Credential should be scoped to a valid region, not '{parameters.RegionSpan}'. ");
        }
        if (!parameters.ServiceSpan.SequenceEqual(_options.Service))
        {
            return Invalid(DecisionReason.WrongService, $"Credential should be scoped to correct service: '{_options.Service}'. ");
        }
        if (!parameters.TerminatorSpan.SequenceEqual(SigV4Constants.ScopeTerminator))
        {
            return Invalid(DecisionReason.WrongTerminator,
                $"Credential should be scoped with a valid terminator: 'aws4_request', not '{parameters.TerminatorSpan}'. ");
        }
        var signedHeaders = parameters.SignedHeadersSpan;
        if (signedHeaders.IsEmpty || signedHeaders.Count(';') >= _options.MaxSignedHeaders)
        {
            return SigV4VerificationResult.Fail(DecisionReason.IncompleteSignature, SigV4ErrorTypes.IncompleteSignature,
                $"SignedHeaders must name between 1 and {_options.MaxSignedHeaders} headers.");
        }
        if (!SignsHost(signedHeaders))
        {
            return SigV4VerificationResult.Fail(DecisionReason.HostNotSigned, SigV4ErrorTypes.IncompleteSignature,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var now = _time.GetUtcNow();
        var requestTime = parameters.RequestTime;
        if (requestTime > now + _options.ClockSkew)
        {
            return Invalid(DecisionReason.SignatureNotYetCurrent,
                $"Signature not yet current: {amzDate} is still later than {Format(now + _options.ClockSkew)} ({Format(now)} + {SkewText()}.)");
        }
        // A presigned request without X-Amz-Expires gets the header form's window; with it, its own lifetime.
        var expiresAfter = parameters.Presigned ? parameters.ExpiresSeconds : 0;
        if (expiresAfter == 0 && requestTime < now - _options.ClockSkew)
        {
            return Invalid(DecisionReason.SignatureExpired,
                $"Signature expired: {amzDate} is now earlier than {Format(now - _options.ClockSkew)} ({Format(now)} - {SkewText()}.)");
        }
        if (expiresAfter > 0 && requestTime.AddSeconds(expiresAfter) < now)
        {
            return Invalid(DecisionReason.SignatureExpired,
                $"Signature expired: {amzDate} is now earlier than {Format(now.AddSeconds(-parameters.ExpiresSeconds))} ({Format(now)} - {parameters.ExpiresSeconds} sec.)");
        }
        return null;
    }

    private SigV4VerificationResult CheckSignature(SigV4Request request, in SignatureParameters parameters, AccessKeyCredential credential, bool includeDiagnostics)
    {
        if (RefusesPayloadDeclaration(parameters))
        {
            // What a non-S3 service answers: it hashes the body, so the signature computed over the declared value
            // does not match (see SigV4VerifierOptions.AllowUnsignedPayload).
            return Invalid(DecisionReason.UnsignedPayload, MismatchMessage);
        }
        Span<char> payloadBuffer = stackalloc char[64];
        var payload = PayloadHash(request, parameters, payloadBuffer);
        if (payload.IsEmpty)
        {
            return Invalid(DecisionReason.PayloadHashMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        Span<byte> provided = stackalloc byte[32];
        var wellFormed = Hex.TryParseLower(parameters.SignatureSpan, provided);
        var signingKey = _signingKeys.Get(credential.AccessKeyId, credential.SecretAccessKey, parameters.ScopeDateSpan, parameters.RegionSpan, parameters.ServiceSpan);

        var exclusions = parameters.Presigned ? QueryExclusions.Signature : QueryExclusions.None;
        var failure = Compare(request, parameters, payload, exclusions, sdkPath: false, signingKey, provided, wellFormed, includeDiagnostics, out var canonical, out var stringToSign);
        if (failure?.Reason == DecisionReason.SignatureDoesNotMatch)
        {
            // Real clients differ in two places; each alternative is an injective function of the wire request, so
            // accepting it lets no signature cover a different request:
            // - the AWS SDK for .NET leaves RFC 3986 sub-delimiters (*, !, ' ...) unencoded in the canonical path;
            // - some clients (the suite's "post-sts-header-after") append the session token to a presigned URL after
            //   signing. The token is still checked against the credential store.
            CanonicalRequestWriter.SplitTarget(request.RawTarget, out var path, out _);
            var hasSubDelimiter = CanonicalUri.HasSubDelimiter(path);
            for (var variant = 1; variant < 4 && failure is not null; variant++)
            {
                var sdkPath = (variant & 1) != 0;
                var withoutToken = (variant & 2) != 0;
                if ((sdkPath && !hasSubDelimiter) || (withoutToken && !parameters.SessionTokenInQuery))
                {
                    continue;
                }
                var retry = Compare(request, parameters, payload, withoutToken ? exclusions | QueryExclusions.SecurityToken : exclusions, sdkPath,
                    signingKey, provided, wellFormed, includeDiagnostics, out var retryCanonical, out var retryStringToSign);
                if (retry is null)
                {
                    (failure, canonical, stringToSign) = (null, retryCanonical, retryStringToSign);
                }
            }
        }
        var result = failure ?? SigV4VerificationResult.Success(credential);
        return includeDiagnostics ? result.WithDiagnostics(canonical, stringToSign) : result;
    }

    private SigV4VerificationResult? Compare(SigV4Request request, in SignatureParameters parameters, ReadOnlySpan<char> payload, QueryExclusions exclusions, bool sdkPath,
        CachedSigningKey signingKey, ReadOnlySpan<byte> provided, bool wellFormed, bool includeDiagnostics, out string? canonical, out string? stringToSign)
    {
        canonical = stringToSign = null;
        // Stack first: a typical canonical request is a few hundred bytes; longer ones move to a rented array.
        var canonicalRequest = new PooledByteBuffer(stackalloc byte[512]);
        var toSign = new PooledByteBuffer(stackalloc byte[256]);
        try
        {
            if (!CanonicalRequestWriter.TryWrite(ref canonicalRequest, request, parameters.SignedHeadersSpan, payload, _options.NormalizePath, exclusions, sdkPath))
            {
                return Invalid(DecisionReason.SignedHeaderMissing, MismatchMessage);
            }
            CanonicalRequestWriter.WriteStringToSign(ref toSign, parameters.AmzDateSpan, parameters.ScopeSpan, canonicalRequest.Written);
            if (includeDiagnostics)
            {
                canonical = Encoding.UTF8.GetString(canonicalRequest.Written);
                stringToSign = Encoding.UTF8.GetString(toSign.Written);
            }
            Span<byte> expected = stackalloc byte[32];
            signingKey.Sign(toSign.Written, expected);
            if (!wellFormed)
            {
                return Invalid(DecisionReason.MalformedSignature, MismatchMessage);
            }
            return CryptographicOperations.FixedTimeEquals(expected, provided) ? null : Invalid(DecisionReason.SignatureDoesNotMatch, MismatchMessage);
        }
        finally
        {
            canonicalRequest.Dispose();
            toSign.Dispose();
        }
    }

    // A body the signature does not cover: UNSIGNED-PAYLOAD unless the user opted in (header form only: presigned
    // URLs keep their body check), and every streaming value, whose chunk signatures are not checked here.
    private bool RefusesPayloadDeclaration(in SignatureParameters parameters)
    {
        var declared = parameters.ContentSha256.AsSpan().Trim();
        if (declared.StartsWith(SigV4Constants.StreamingPayloadPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return declared.Equals(SigV4Constants.UnsignedPayload, StringComparison.OrdinalIgnoreCase)
            && (parameters.Presigned || !_options.AllowUnsignedPayload);
    }

    // The body hash goes into the canonical request; a declared x-amz-content-sha256 must match it, unless the
    // client opted out of body signing with UNSIGNED-PAYLOAD and RefusesPayloadDeclaration let it. Returns empty on
    // a mismatch.
    private static ReadOnlySpan<char> PayloadHash(SigV4Request request, in SignatureParameters parameters, Span<char> buffer)
    {
        var declared = parameters.ContentSha256.AsSpan().Trim();
        if (declared.SequenceEqual(SigV4Constants.UnsignedPayload))
        {
            return SigV4Constants.UnsignedPayload;
        }
        ReadOnlySpan<char> actual;
        if (request.PayloadHash is { } known)
        {
            actual = known;
        }
        else if (request.Body.IsEmpty)
        {
            actual = SigV4Constants.EmptyPayloadHash;
        }
        else
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(request.Body.Span, hash);
            Convert.TryToHexStringLower(hash, buffer, out _);
            actual = buffer;
        }
        return parameters.ContentSha256 is null || declared.SequenceEqual(actual) ? actual : [];
    }

    private static bool SessionTokenMatches(string? expected, string? provided)
    {
        if (expected is null || provided is null)
        {
            return expected is null && provided is null;
        }
        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        var providedBytes = Encoding.UTF8.GetBytes(provided);
        return CryptographicOperations.FixedTimeEquals(expectedBytes, providedBytes);
    }

    private static bool SignsHost(ReadOnlySpan<char> signedHeaders)
    {
        foreach (var range in signedHeaders.Split(';'))
        {
            if (signedHeaders[range].SequenceEqual(SigV4Constants.HostHeader))
            {
                return true;
            }
        }
        return false;
    }

    private string SkewText() => _options.ClockSkew.TotalMinutes == Math.Floor(_options.ClockSkew.TotalMinutes)
        ? $"{_options.ClockSkew.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min"
        : $"{_options.ClockSkew.TotalSeconds.ToString(CultureInfo.InvariantCulture)} sec";

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(SigV4Constants.DateTimeFormat, CultureInfo.InvariantCulture);

    private static SigV4VerificationResult Invalid(DecisionReason reason, string message) =>
        SigV4VerificationResult.Fail(reason, SigV4ErrorTypes.InvalidSignature, message);
}
