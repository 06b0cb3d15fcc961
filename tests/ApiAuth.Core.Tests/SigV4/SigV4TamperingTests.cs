using System.Text;
using ApiAuth.Gateway;
using ApiAuth.SigV4;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Core.Tests.SigV4;

/// <summary>
/// Every official suite case, in both forms, tampered one way at a time: each change is rejected with the right
/// reason and API Gateway's message (suite README, "Negative tests are easy to derive").
/// </summary>
public sealed class SigV4TamperingTests
{
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static IEnumerable<TestCaseData> Forms() =>
        SuiteCase.Names().SelectMany(name => new[]
        {
            new TestCaseData(name, "header-signed-request.txt").SetArgDisplayNames(name, "header"),
            new TestCaseData(name, "query-signed-request.txt").SetArgDisplayNames(name, "presigned"),
        });

    [TestCaseSource(nameof(Forms))]
    public async Task Changed_signature_byte_is_rejected_as_mismatch(string name, string file)
    {
        var result = await Verify(name, file, text =>
        {
            var marker = file.StartsWith("header", StringComparison.Ordinal) ? "Signature=" : "X-Amz-Signature=";
            var at = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
            return text[..at] + (text[at] == 'a' ? 'b' : 'a') + text[(at + 1)..];
        });
        AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature, Mismatch);
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Changed_body_is_rejected(string name, string file)
    {
        var suite = SuiteCase.Load(name);
        var result = await Verify(name, file, text => text.EndsWith("\n\n", StringComparison.Ordinal) ? text + "tampered" : text + "X");
        if (suite.SignBody && file.StartsWith("header", StringComparison.Ordinal))
        {
            AssertFailure(result, DecisionReason.PayloadHashMismatch, SigV4ErrorTypes.InvalidSignature,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        else
        {
            AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature, Mismatch);
        }
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Changed_signed_host_header_is_rejected_as_mismatch(string name, string file)
    {
        var result = await Verify(name, file, text => text.Replace("Host:example.amazonaws.com", "Host:example.amazonaws.org", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature, Mismatch);
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Changed_path_is_rejected_as_mismatch(string name, string file)
    {
        var result = await Verify(name, file, text => ReplaceFirst(text, " /", " /zz/"));
        AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature, Mismatch);
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Added_query_parameter_is_rejected_as_mismatch(string name, string file)
    {
        var result = await Verify(name, file, text =>
        {
            var lineEnd = text.IndexOf(" HTTP/1.1", StringComparison.Ordinal);
            var target = text[..lineEnd];
            return target + (target.Contains('?', StringComparison.Ordinal) ? "&zz=1" : "?zz=1") + text[lineEnd..];
        });
        AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature, Mismatch);
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Scope_with_another_region_is_rejected(string name, string file)
    {
        var result = await Verify(name, file, text => ReplaceFirst(text, "us-east-1", "us-west-2"));
        AssertFailure(result, DecisionReason.WrongRegion, SigV4ErrorTypes.InvalidSignature, "Credential should be scoped to a valid region, not 'us-west-2'. ");
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Scope_with_another_service_is_rejected(string name, string file)
    {
        var result = await Verify(name, file, text => text.Replace("/service/", "/s3/", StringComparison.Ordinal).Replace("%2Fservice%2F", "%2Fs3%2F", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.WrongService, SigV4ErrorTypes.InvalidSignature, "Credential should be scoped to correct service: 'service'. ");
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Scope_with_another_date_is_rejected(string name, string file)
    {
        var result = await Verify(name, file, text => text.Replace("/20150830/", "/20150831/", StringComparison.Ordinal).Replace("%2F20150830%2F", "%2F20150831%2F", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.ScopeDateMismatch, SigV4ErrorTypes.InvalidSignature,
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.");
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Clock_past_the_window_rejects_as_expired(string name, string file)
    {
        var header = file.StartsWith("header", StringComparison.Ordinal);
        // Header form: API Gateway's 5-minute window. Presigned form: X-Amz-Expires (3600 s in the suite).
        var late = SuiteCase.SigningTime + (header ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(3600)) + TimeSpan.FromSeconds(1);
        var suite = SuiteCase.Load(name);
        var result = await suite.Verifier(new FakeTimeProvider(late)).VerifyAsync(suite.Request(file));
        AssertFailure(result, DecisionReason.SignatureExpired, SigV4ErrorTypes.InvalidSignature,
            header
                ? "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)"
                : "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T133601Z - 3600 sec.)");
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Clock_at_the_edge_of_the_window_still_accepts(string name, string file)
    {
        var header = file.StartsWith("header", StringComparison.Ordinal);
        var edge = SuiteCase.SigningTime + (header ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(3600));
        var suite = SuiteCase.Load(name);
        var result = await suite.Verifier(new FakeTimeProvider(edge)).VerifyAsync(suite.Request(file));
        Assert.That(result.IsValid, Is.True, result.ToString());
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Request_dated_more_than_5_minutes_ahead_is_not_yet_current(string name, string file)
    {
        var early = SuiteCase.SigningTime - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1);
        var suite = SuiteCase.Load(name);
        var result = await suite.Verifier(new FakeTimeProvider(early)).VerifyAsync(suite.Request(file));
        AssertFailure(result, DecisionReason.SignatureNotYetCurrent, SigV4ErrorTypes.InvalidSignature,
            "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)");
    }

    [TestCaseSource(nameof(Forms))]
    public async Task Unknown_access_key_is_unrecognized(string name, string file)
    {
        var result = await Verify(name, file, text => text.Replace("AKIDEXAMPLE", "AKIDOTHER", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.UnknownAccessKey, SigV4ErrorTypes.UnrecognizedClient, "The security token included in the request is invalid.");
    }

    internal static async Task<SigV4VerificationResult> Verify(string name, string file, Func<string, string> tamper)
    {
        var suite = SuiteCase.Load(name);
        var original = suite.Text(file);
        var tampered = tamper(original);
        Assert.That(tampered, Is.Not.EqualTo(original), "the tampering changed nothing");
        Assert.That(RawHttpRequest.TryParse(Encoding.UTF8.GetBytes(tampered), out var request, out var error), Is.True, error);
        return await suite.Verifier().VerifyAsync(request!);
    }

    internal static void AssertFailure(SigV4VerificationResult result, DecisionReason reason, string errorType, string message) =>
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Reason, Is.EqualTo(reason));
            Assert.That(result.ErrorType, Is.EqualTo(errorType));
            Assert.That(result.Message, Is.EqualTo(message));
            Assert.That(result.StatusCode, Is.EqualTo(403));
            Assert.That(result.Credential, Is.Null);
        });

    private static string ReplaceFirst(string text, string value, string replacement)
    {
        var at = text.IndexOf(value, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0));
        return text[..at] + replacement + text[(at + value.Length)..];
    }
}
