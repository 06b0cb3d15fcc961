using System.Text;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4;
using Microsoft.Extensions.Time.Testing;
using static ApiAuth.Core.Tests.SigV4.SigV4TamperingTests;

namespace ApiAuth.Core.Tests.SigV4;

/// <summary>
/// Requests presigned by npm <c>aws4</c> (fixtures in TestData/aws4-presigned, with how they were made).
/// </summary>
/// <remarks>
/// The rule: a presigned request without <c>X-Amz-Expires</c> lives within the 5-minute clock window, as a
/// header-signed request does; with it, its own lifetime. Evidence:
/// <list type="bullet">
/// <item>aws4.js (1.13.2, <c>prepareRequest</c>) adds <c>X-Amz-Expires</c> only when the service is <c>s3</c>; for
/// every other service a signQuery request carries none.</item>
/// <item>aws4's maintainer, https://github.com/mhart/aws4/issues/75: the generated path "is expected to be queried
/// straight away ... It's quite time sensitive"; "If you want the URL to last for more than a few seconds, then you
/// need to add an X-Amz-Expires parameter".</item>
/// <item>https://github.com/awslabs/aws-sdk-rust/issues/1043: "not all query parameter signing represents a
/// pre-signed URL" (AWS IoT's websocket upgrade), where X-Amz-Expires is "completely irrelevant".</item>
/// <item>smithy-kotlin's <c>AwsHttpSigner.Config.expiresAfter</c>
/// (https://docs.aws.amazon.com/smithy-kotlin/api/latest/http-auth-aws/aws.smithy.kotlin.runtime.http.auth/-aws-http-signer/-config/expires-after.html):
/// query signing adds X-Amz-Expires only when it is non-zero, so AWS's own signers produce such requests.</item>
/// </list>
/// </remarks>
public sealed class Aws4PresignedRequestTests
{
    private const string NoExpires = "get-presigned-no-expires.txt";
    private const string Expires60 = "get-presigned-expires-60.txt";
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static readonly DateTimeOffset SigningTime = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Fixture_has_no_expiry_parameter()
    {
        Assert.That(Text(NoExpires), Does.Not.Contain("X-Amz-Expires").And.Contain("X-Amz-Signature="));
    }

    [TestCase(0)]
    [TestCase(60)]
    [TestCase(300)]
    [TestCase(-300)]
    public async Task Aws4_request_without_expires_is_accepted_within_5_minutes_of_its_date(int offsetSeconds)
    {
        var result = await Verify(Text(NoExpires), SigningTime.AddSeconds(offsetSeconds));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, result.ToString());
            Assert.That(result.Credential?.AccessKeyId, Is.EqualTo(SuiteCase.AccessKeyId));
        });
    }

    [Test]
    public async Task Aws4_request_without_expires_is_refused_after_5_minutes()
    {
        var result = await Verify(Text(NoExpires), SigningTime.AddMinutes(5).AddSeconds(1));
        AssertFailure(result, DecisionReason.SignatureExpired, SigV4ErrorTypes.InvalidSignature,
            "Signature expired: 20240501T120000Z is now earlier than 20240501T120001Z (20240501T120501Z - 5 min.)");
    }

    [Test]
    public async Task Aws4_request_without_expires_is_refused_more_than_5_minutes_before_its_date()
    {
        var result = await Verify(Text(NoExpires), SigningTime.AddMinutes(-5).AddSeconds(-1));
        AssertFailure(result, DecisionReason.SignatureNotYetCurrent, SigV4ErrorTypes.InvalidSignature,
            "Signature not yet current: 20240501T120000Z is still later than 20240501T115959Z (20240501T115459Z + 5 min.)");
    }

    [Test]
    public async Task Aws4_request_with_expires_keeps_its_own_lifetime_even_inside_the_clock_window()
    {
        var atEnd = await Verify(Text(Expires60), SigningTime.AddSeconds(60));
        var pastEnd = await Verify(Text(Expires60), SigningTime.AddSeconds(61));
        Assert.That(atEnd.IsValid, Is.True, atEnd.ToString());
        AssertFailure(pastEnd, DecisionReason.SignatureExpired, SigV4ErrorTypes.InvalidSignature,
            "Signature expired: 20240501T120000Z is now earlier than 20240501T120001Z (20240501T120101Z - 60 sec.)");
    }

    [TestCase("/prod/pets/42?", "/prod/pets/43?", TestName = "Aws4_request_with_changed_path_is_refused")]
    [TestCase("limit=10", "limit=11", TestName = "Aws4_request_with_changed_query_value_is_refused")]
    [TestCase("type=dog&", "", TestName = "Aws4_request_with_removed_query_parameter_is_refused")]
    [TestCase("X-Amz-Signature=33016eb0", "X-Amz-Signature=33016eb1", TestName = "Aws4_request_with_changed_signature_is_refused")]
    [TestCase("Host:abc123.", "Host:abc124.", TestName = "Aws4_request_with_changed_host_is_refused")]
    [TestCase("X-Amz-Date=20240501T120000Z&", "X-Amz-Date=20240501T120000Z&X-Amz-Expires=604800&", TestName = "Aws4_request_given_an_expiry_after_signing_is_refused")]
    [TestCase("X-Amz-SignedHeaders=host&", "X-Amz-SignedHeaders=host%3Bx-extra&", "\n\n", "\nX-Extra:1\n\n", TestName = "Aws4_request_with_an_extra_signed_header_is_refused")]
    public async Task Tampered_aws4_request_is_refused_as_mismatch(string from, string to, string? from2 = null, string? to2 = null)
    {
        var original = Text(NoExpires);
        var tampered = original.Replace(from, to, StringComparison.Ordinal);
        if (from2 is not null)
        {
            tampered = tampered.Replace(from2, to2, StringComparison.Ordinal);
        }
        Assert.That(tampered, Is.Not.EqualTo(original), "the tampering changed nothing");
        var result = await Verify(tampered, SigningTime);
        AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature, Mismatch);
    }

    private static string Text(string file) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "aws4-presigned", file));

    private static Task<SigV4VerificationResult> Verify(string text, DateTimeOffset now)
    {
        Assert.That(RawHttpRequest.TryParse(Encoding.UTF8.GetBytes(text), out var request, out var error), Is.True, error);
        var verifier = new SigV4Verifier(
            new InMemoryCredentialStore([new AccessKeyCredential(SuiteCase.AccessKeyId, SuiteCase.Secret, "arn:aws:iam::123456789012:user/example")]),
            new SigV4VerifierOptions(),
            new FakeTimeProvider(now));
        return verifier.VerifyAsync(request!).AsTask();
    }
}
