using ApiAuth.Gateway;
using ApiAuth.SigV4;
using static ApiAuth.Core.Tests.SigV4.SigV4TamperingTests;

namespace ApiAuth.Core.Tests.SigV4;

/// <summary>Malformed Authorization headers and presigned parameters get a clear error, never an exception or an allow.</summary>
public sealed class SigV4MalformedInputTests
{
    private const string Vanilla = "get-vanilla";
    private const string Header = "header-signed-request.txt";
    private const string Query = "query-signed-request.txt";
    private const string GoodAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    private static Task<SigV4VerificationResult> WithAuthorization(string authorization) =>
        Verify(Vanilla, Header, text => ReplaceLine(text, "Authorization:", "Authorization:" + authorization));

    [Test]
    public async Task Request_without_any_signature_is_missing_authentication_token()
    {
        var result = await Verify(Vanilla, Header, text => RemoveLine(text, "Authorization:"));
        AssertFailure(result, DecisionReason.MissingAuthenticationToken, SigV4ErrorTypes.MissingAuthenticationToken, "Missing Authentication Token");
    }

    [Test]
    public async Task Bearer_token_is_reported_by_hash_never_echoed()
    {
        var result = await WithAuthorization("Bearer secret-token-value");
        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.IncompleteSignature));
            Assert.That(result.ErrorType, Is.EqualTo(SigV4ErrorTypes.IncompleteSignature));
            Assert.That(result.Message, Does.StartWith("Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '"));
            Assert.That(result.Message, Does.Not.Contain("secret-token-value"));
        });
    }

    [TestCase("AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc", "Authorization header requires 'Credential' parameter. Authorization=")]
    [TestCase("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, Signature=abc", "Authorization header requires 'SignedHeaders' parameter. Authorization=")]
    [TestCase("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host", "Authorization header requires 'Signature' parameter. Authorization=")]
    [TestCase("AWS4-HMAC-SHA256", "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=")]
    public async Task Missing_authorization_parameters_are_each_named(string authorization, string messageStart)
    {
        var result = await WithAuthorization(authorization);
        AssertFailure(result, DecisionReason.IncompleteSignature, SigV4ErrorTypes.IncompleteSignature, messageStart + authorization);
    }

    [Test]
    public async Task Missing_date_headers_are_named()
    {
        var result = await Verify(Vanilla, Header, text => RemoveLine(text, "X-Amz-Date:"));
        Assert.That(result.Message, Does.StartWith("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="));
    }

    [TestCase("Credential")]
    [TestCase("SignedHeaders")]
    [TestCase("Signature")]
    public async Task Duplicate_authorization_parameter_is_ambiguous(string name)
    {
        var duplicate = name switch
        {
            "Credential" => ", Credential=AKIDOTHER/20150830/us-east-1/service/aws4_request",
            "SignedHeaders" => ", SignedHeaders=host",
            _ => ", Signature=0000000000000000000000000000000000000000000000000000000000000000",
        };
        var result = await WithAuthorization(GoodAuthorization + duplicate);
        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
            Assert.That(result.Message, Does.StartWith($"Authorization header has more than one '{name}' parameter."));
        });
    }

    [Test]
    public async Task Two_authorization_headers_are_ambiguous()
    {
        var result = await Verify(Vanilla, Header, text => text.Replace("Authorization:", "Authorization:" + GoodAuthorization + "\nAuthorization:", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
    }

    [Test]
    public async Task Two_date_headers_are_ambiguous()
    {
        var result = await Verify(Vanilla, Header, text => text.Replace("X-Amz-Date:20150830T123600Z", "X-Amz-Date:20150830T123600Z\nX-Amz-Date:20150830T123600Z", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
    }

    [TestCase("X-Amz-Security-Token")]
    [TestCase("x-amz-content-sha256")]
    public async Task A_signature_header_twice_is_ambiguous(string name)
    {
        var result = await Verify(Vanilla, Header, text => text.Replace("Host:example.amazonaws.com", $"Host:example.amazonaws.com\n{name}:a\n{name}:b", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
    }

    [Test]
    public async Task Without_x_amz_date_an_unreadable_date_header_is_rejected()
    {
        var result = await Verify(Vanilla, Header, text => text.Replace("X-Amz-Date:20150830T123600Z", "Date:yesterday", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.InvalidDate));
    }

    [Test]
    public async Task Without_x_amz_date_two_date_headers_are_ambiguous()
    {
        var result = await Verify(Vanilla, Header, text => text.Replace(
            "X-Amz-Date:20150830T123600Z", "Date:Sun, 30 Aug 2015 12:36:00 GMT\nDate:Sun, 30 Aug 2015 12:37:00 GMT", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
    }

    [Test]
    public async Task Oversized_presigned_parameter_is_rejected()
    {
        var result = await Verify(Vanilla, Query, text => text.Replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host" + new string('a', 9000), StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.IncompleteSignature));
            Assert.That(result.Message, Does.Contain("is longer than"));
        });
    }

    [Test]
    public async Task Non_ascii_presigned_credential_is_rejected()
    {
        var result = await Verify(Vanilla, Query, text => text.Replace("X-Amz-Credential=AKIDEXAMPLE", "X-Amz-Credential=AKID%C3%89XAMPLE", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.IncompleteSignature));
            Assert.That(result.Message, Does.Contain("must be ASCII"));
        });
    }

    [Test]
    public async Task Header_and_query_authentication_together_are_ambiguous()
    {
        var result = await Verify(Vanilla, Query, text => text.Replace("Host:example.amazonaws.com", "Host:example.amazonaws.com\nAuthorization:" + GoodAuthorization, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
            Assert.That(result.Message, Does.StartWith("Only one auth mechanism allowed"));
        });
    }

    [TestCase("AWS4-HMAC-SHA512 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00")]
    public async Task Other_algorithm_is_unsupported(string authorization)
    {
        var result = await WithAuthorization(authorization);
        AssertFailure(result, DecisionReason.UnsupportedAlgorithm, SigV4ErrorTypes.IncompleteSignature, "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.");
    }

    [TestCase("AKIDEXAMPLE/20150830/us-east-1/service")]
    [TestCase("AKIDEXAMPLE/20150830/us-east-1/service/aws4_request/extra")]
    [TestCase("/20150830/us-east-1/service/aws4_request")]
    [TestCase("AKIDEXAMPLE//us-east-1/service/aws4_request")]
    public async Task Credential_without_five_elements_is_malformed(string credential)
    {
        var result = await WithAuthorization(GoodAuthorization.Replace("AKIDEXAMPLE/20150830/us-east-1/service/aws4_request", credential, StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.MalformedCredential, SigV4ErrorTypes.IncompleteSignature,
            $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
    }

    [Test]
    public async Task Wrong_terminator_is_rejected()
    {
        var result = await WithAuthorization(GoodAuthorization.Replace("aws4_request", "aws4_other", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.WrongTerminator, SigV4ErrorTypes.InvalidSignature,
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_other'. ");
    }

    [TestCase("2015-08-30T12:36:00Z")]
    [TestCase("20150830T123600")]
    [TestCase("20151330T123600Z")]
    [TestCase("20150830T253600Z")]
    [TestCase("")]
    [TestCase("２０１５0830T123600Z")]
    public async Task Bad_x_amz_date_is_rejected_with_the_iso_8601_message(string date)
    {
        var result = await Verify(Vanilla, Header, text => ReplaceLine(text, "X-Amz-Date:", "X-Amz-Date:" + date));
        AssertFailure(result, DecisionReason.InvalidDate, SigV4ErrorTypes.IncompleteSignature,
            $"Date must be in ISO-8601 'basic format'. Got '{date}'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    [TestCase("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3")]
    [TestCase("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf311")]
    [TestCase("zzz00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [TestCase("5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31")]
    [TestCase("")]
    public async Task Signature_that_is_not_64_lower_case_hex_digits_is_malformed(string signature)
    {
        var result = await WithAuthorization(GoodAuthorization.Replace("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.MalformedSignature));
            Assert.That(result.ErrorType, Is.EqualTo(SigV4ErrorTypes.InvalidSignature));
        });
    }

    [Test]
    public async Task Oversized_authorization_header_is_rejected()
    {
        var result = await WithAuthorization(GoodAuthorization + ", " + new string('a', 10_000) + "=b");
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.IncompleteSignature));
        Assert.That(result.Message, Does.Contain("at most 8192 characters"));
    }

    [Test]
    public async Task Non_ascii_authorization_header_is_rejected()
    {
        var result = await WithAuthorization(GoodAuthorization.Replace("AKIDEXAMPLE", "AKIDÉXAMPLE", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.IncompleteSignature));
    }

    [Test]
    public async Task Unknown_authorization_parameter_is_rejected()
    {
        var result = await WithAuthorization(GoodAuthorization + ", Extra=1");
        Assert.That(result.Message, Does.StartWith("Authorization header has an unsupported parameter 'Extra'."));
    }

    [Test]
    public async Task Unsigned_host_is_rejected()
    {
        var result = await WithAuthorization(GoodAuthorization.Replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.HostNotSigned, SigV4ErrorTypes.IncompleteSignature, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    [Test]
    public async Task Signed_header_absent_from_the_request_is_rejected()
    {
        var result = await WithAuthorization(GoodAuthorization.Replace("SignedHeaders=host;x-amz-date", "SignedHeaders=host;my-header;x-amz-date", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.SignedHeaderMissing));
    }

    [Test]
    public async Task Too_many_signed_headers_are_rejected()
    {
        var many = string.Join(';', Enumerable.Range(0, 100).Select(i => $"h{i}"));
        var result = await WithAuthorization(GoodAuthorization.Replace("SignedHeaders=host;x-amz-date", "SignedHeaders=host;" + many, StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.IncompleteSignature));
    }

    [TestCase("X-Amz-Algorithm=AWS4-HMAC-SHA256&")]
    [TestCase("X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&")]
    [TestCase("X-Amz-Date=20150830T123600Z&")]
    [TestCase("X-Amz-SignedHeaders=host&")]
    public async Task Presigned_parameter_missing_is_named(string parameter)
    {
        var result = await Verify(Vanilla, Query, text => text.Replace(parameter, string.Empty, StringComparison.Ordinal));
        if (parameter.StartsWith("X-Amz-Algorithm", StringComparison.Ordinal))
        {
            // Without X-Amz-Algorithm the request does not claim query authentication at all.
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.MissingAuthenticationToken));
            return;
        }
        AssertFailure(result, DecisionReason.IncompleteSignature, SigV4ErrorTypes.IncompleteSignature,
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, and X-Amz-SignedHeaders parameters.");
    }

    [Test]
    public async Task Presigned_expiry_removed_after_signing_is_a_mismatch_not_a_longer_lifetime()
    {
        // X-Amz-Expires is optional (Aws4PresignedRequestTests), but it is signed: dropping it changes the request.
        var result = await Verify(Vanilla, Query, text => text.Replace("X-Amz-Expires=3600&", string.Empty, StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.SignatureDoesNotMatch, SigV4ErrorTypes.InvalidSignature,
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    [TestCase("X-Amz-Date=20150830T123600Z")]
    [TestCase("X-Amz-Signature=00")]
    [TestCase("X-Amz-Credential=x")]
    public async Task Presigned_parameter_twice_is_ambiguous(string duplicate)
    {
        var result = await Verify(Vanilla, Query, text => text.Replace(" HTTP/1.1", "&" + duplicate + " HTTP/1.1", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
    }

    [Test]
    public async Task Presigned_parameter_twice_is_ambiguous_even_when_percent_encoded()
    {
        var result = await Verify(Vanilla, Query, text => text.Replace(" HTTP/1.1", "&X-Amz-%53ignature=00 HTTP/1.1", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.AmbiguousAuthentication));
    }

    [TestCase("0", "X-Amz-Expires must be non-negative")]
    [TestCase("604801", "X-Amz-Expires must be less than a week (in seconds) that is 604800")]
    [TestCase("-1", "X-Amz-Expires should be a number")]
    [TestCase("abc", "X-Amz-Expires should be a number")]
    [TestCase("99999999999999999999", "X-Amz-Expires should be a number")]
    public async Task Presigned_expiry_outside_1_to_604800_is_rejected(string expires, string message)
    {
        var result = await Verify(Vanilla, Query, text => text.Replace("X-Amz-Expires=3600", "X-Amz-Expires=" + expires, StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.InvalidExpires, SigV4ErrorTypes.IncompleteSignature, message);
    }

    [Test]
    public async Task Presigned_with_other_algorithm_is_unsupported()
    {
        var result = await Verify(Vanilla, Query, text => text.Replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.UnsupportedAlgorithm));
    }

    [Test]
    public async Task Session_token_for_a_long_term_key_is_rejected()
    {
        var result = await Verify(Vanilla, Header, text => text.Replace("X-Amz-Date:", "X-Amz-Security-Token:forged\nX-Amz-Date:", StringComparison.Ordinal));
        AssertFailure(result, DecisionReason.InvalidSessionToken, SigV4ErrorTypes.UnrecognizedClient, "The security token included in the request is invalid.");
    }

    [Test]
    public async Task Missing_session_token_for_temporary_credentials_is_rejected()
    {
        var result = await Verify("post-sts-header-after", Header, text => RemoveLine(text, "X-Amz-Security-Token:"));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.InvalidSessionToken));
    }

    [Test]
    public async Task Wrong_session_token_for_temporary_credentials_is_rejected()
    {
        var result = await Verify("post-sts-header-after", Header, text => text.Replace("X-Amz-Security-Token:AQoDYXdz", "X-Amz-Security-Token:AQoDYXdy", StringComparison.Ordinal));
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.InvalidSessionToken));
    }

    [Test]
    public async Task Failing_credential_store_denies_with_500()
    {
        var suite = SuiteCase.Load(Vanilla);
        var verifier = new SigV4Verifier(new ThrowingStore(), new SigV4VerifierOptions { Service = "service" }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SuiteCase.SigningTime));
        var result = await verifier.VerifyAsync(suite.Request(Header));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Reason, Is.EqualTo(DecisionReason.CredentialStoreFailure));
            Assert.That(result.StatusCode, Is.EqualTo(500));
        });
    }

    [TestCase("")]
    [TestCase("GET\n")]
    [TestCase("GET / HTTP/1.1\nno-colon-here\n\n")]
    [TestCase(" continued\n")]
    public void Unusable_raw_request_text_is_reported_not_thrown(string text) =>
        Assert.That(RawHttpRequest.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out _, out var error), Is.False, error);

    private static string ReplaceLine(string text, string prefix, string replacement)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, line => line.StartsWith(prefix, StringComparison.Ordinal));
        Assert.That(index, Is.GreaterThanOrEqualTo(0));
        lines[index] = replacement;
        return string.Join('\n', lines);
    }

    private static string RemoveLine(string text, string prefix) =>
        string.Join('\n', text.Split('\n').Where(line => !line.StartsWith(prefix, StringComparison.Ordinal)));

    private sealed class ThrowingStore : ApiAuth.SigV4.Credentials.ICredentialStore
    {
        public ValueTask<ApiAuth.SigV4.Credentials.AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("store offline");
    }
}
