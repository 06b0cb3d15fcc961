using System.Security.Cryptography;
using System.Text;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Core.Tests.SigV4;

/// <summary>
/// Payload-hash declarations that leave the body out of the signature. Only S3 defines UNSIGNED-PAYLOAD (S3 API
/// Reference, https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html: the unsigned payload
/// option is for requests "to Amazon S3"); for every other service the canonical request ends with the body's hash
/// (https://docs.aws.amazon.com/general/latest/gr/sigv4-create-canonical-request.html), so a request signed over
/// UNSIGNED-PAYLOAD gets the signature-mismatch error (aws-sdk-go v1 signer, cited in apache/opendal-reqsign#346).
/// </summary>
public sealed class UnsignedPayloadTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string AmzDate = "20150830T123600Z";
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static readonly byte[] Signed = Encoding.UTF8.GetBytes("{\"name\":\"Rex\"}");
    private static readonly byte[] Swapped = Encoding.UTF8.GetBytes("{\"name\":\"Evil\"}");

    [Test]
    public async Task Header_form_unsigned_payload_is_refused_with_the_mismatch_error_by_default()
    {
        var result = await Verifier(allowUnsigned: false).VerifyAsync(HeaderSigned("UNSIGNED-PAYLOAD", Swapped));
        AssertRefused(result);
    }

    [Test]
    public async Task Header_form_unsigned_payload_is_refused_by_default_even_with_the_original_body()
    {
        var result = await Verifier(allowUnsigned: false).VerifyAsync(HeaderSigned("UNSIGNED-PAYLOAD", Signed));
        AssertRefused(result);
    }

    [Test]
    public async Task Header_form_unsigned_payload_verifies_with_AllowUnsignedPayload()
    {
        var result = await Verifier(allowUnsigned: true).VerifyAsync(HeaderSigned("UNSIGNED-PAYLOAD", Swapped));
        Assert.That(result.IsValid, Is.True, result.Message);
    }

    [Test]
    public async Task A_signed_payload_hash_still_covers_the_body_with_AllowUnsignedPayload()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Signed));
        var verifier = Verifier(allowUnsigned: true);
        Assert.Multiple(async () =>
        {
            Assert.That((await verifier.VerifyAsync(HeaderSigned(hash, Signed))).IsValid, Is.True);
            Assert.That((await verifier.VerifyAsync(HeaderSigned(hash, Swapped))).Reason, Is.EqualTo(DecisionReason.PayloadHashMismatch));
        });
    }

    [TestCase("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", false)]
    [TestCase("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true)]
    [TestCase("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true)]
    [TestCase("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false)]
    [TestCase("STREAMING-UNSIGNED-PAYLOAD-TRAILER", true)]
    [TestCase("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", true)]
    [TestCase("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER", true)]
    [TestCase("streaming-unsigned-payload-trailer", true)]
    public async Task Streaming_payload_values_are_refused_with_or_without_the_option(string declared, bool allowUnsigned)
    {
        var result = await Verifier(allowUnsigned).VerifyAsync(HeaderSigned(declared, Swapped));
        AssertRefused(result);
    }

    [TestCase("unsigned-payload")]
    [TestCase(" UNSIGNED-PAYLOAD ")]
    public async Task Other_spellings_of_unsigned_payload_are_refused_by_default(string declared)
    {
        var result = await Verifier(allowUnsigned: false).VerifyAsync(HeaderSigned(declared, Swapped));
        AssertRefused(result);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Presigned_unsigned_payload_is_refused_even_with_the_option(bool allowUnsigned)
    {
        // Presigned URLs keep their body check: the option is for header-form clients only.
        var result = await Verifier(allowUnsigned).VerifyAsync(Presigned("UNSIGNED-PAYLOAD", Swapped));
        AssertRefused(result);
    }

    [Test]
    public async Task Presigned_request_without_a_declaration_still_hashes_its_body()
    {
        var verifier = Verifier(allowUnsigned: true);
        Assert.Multiple(async () =>
        {
            Assert.That((await verifier.VerifyAsync(Presigned(null, Signed, signedFor: Signed))).IsValid, Is.True);
            Assert.That((await verifier.VerifyAsync(Presigned(null, Swapped, signedFor: Signed))).Reason, Is.EqualTo(DecisionReason.SignatureDoesNotMatch));
        });
    }

    [Test]
    public void AllowUnsignedPayload_is_off_by_default() =>
        Assert.That(new SigV4VerifierOptions().AllowUnsignedPayload, Is.False);

    private static void AssertRefused(SigV4VerificationResult result) =>
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.UnsignedPayload));
            Assert.That(result.ErrorType, Is.EqualTo(SigV4ErrorTypes.InvalidSignature));
            Assert.That(result.Message, Is.EqualTo(Mismatch));
            Assert.That(result.StatusCode, Is.EqualTo(403));
        });

    private static SigV4Verifier Verifier(bool allowUnsigned) => new(
        new InMemoryCredentialStore([new AccessKeyCredential(AccessKeyId, Secret, "arn:aws:iam::123456789012:user/example")]),
        new SigV4VerifierOptions { Regions = ["us-east-1"], AllowUnsignedPayload = allowUnsigned },
        new FakeTimeProvider(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero)));

    // Signs as botocore does when x-amz-content-sha256 is set before signing: the declared value is the payload line.
    private static SigV4Request HeaderSigned(string declared, byte[] body)
    {
        var signature = Sign("POST", "/pets", "", $"host:example.amazonaws.com\nx-amz-content-sha256:{declared.Trim()}\nx-amz-date:{AmzDate}\n",
            "host;x-amz-content-sha256;x-amz-date", declared.Trim());
        return new SigV4Request("POST", "/pets",
        [
            new("Host", "example.amazonaws.com"),
            new("X-Amz-Content-Sha256", declared),
            new("X-Amz-Date", AmzDate),
            new("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20150830/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}"),
        ], body);
    }

    private static SigV4Request Presigned(string? declared, byte[] body, byte[]? signedFor = null)
    {
        var credential = Uri.EscapeDataString($"{AccessKeyId}/20150830/us-east-1/execute-api/aws4_request");
        var query = $"X-Amz-Algorithm=AWS4-HMAC-SHA256" + (declared is null ? "" : $"&X-Amz-Content-Sha256={declared}")
            + $"&X-Amz-Credential={credential}&X-Amz-Date={AmzDate}&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
        var payload = declared ?? Convert.ToHexStringLower(SHA256.HashData(signedFor ?? body));
        var signature = Sign("POST", "/pets", query, "host:example.amazonaws.com\n", "host", payload);
        return new SigV4Request("POST", $"/pets?{query}&X-Amz-Signature={signature}", [new("Host", "example.amazonaws.com")], body);
    }

    private static string Sign(string method, string path, string query, string canonicalHeaders, string signedHeaders, string payload)
    {
        var canonical = $"{method}\n{path}\n{query}\n{canonicalHeaders}\n{signedHeaders}\n{payload}";
        var scope = "20150830/us-east-1/execute-api/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{AmzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + Secret);
        foreach (var part in new[] { "20150830", "us-east-1", "execute-api", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
    }
}
