using ApiAuth.SigV4;

namespace ApiAuth.Core.Tests.SigV4;

/// <summary>
/// AWS's official Signature Version 4 test suite (aws-c-auth tests/aws-signing-test-suite/v4): for all 38 cases,
/// in both the header and the presigned form, the verifier accepts the signed request and its canonical request
/// and string to sign equal the suite's files byte for byte.
/// </summary>
public sealed class SigV4SuiteTests
{
    private static IEnumerable<string> Cases() => SuiteCase.Names();

    [Test]
    public void Suite_has_all_38_official_cases() => Assert.That(Cases().Count(), Is.EqualTo(38));

    [TestCaseSource(nameof(Cases))]
    public async Task Header_form_verifies_with_the_suites_canonical_request_and_string_to_sign(string name)
    {
        var suite = SuiteCase.Load(name);
        var result = await suite.Verifier().VerifyAsync(suite.Request("header-signed-request.txt"), includeDiagnostics: true);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, result.ToString());
            Assert.That(result.CanonicalRequest, Is.EqualTo(suite.Text("header-canonical-request.txt")));
            Assert.That(result.StringToSign, Is.EqualTo(suite.Text("header-string-to-sign.txt")));
            Assert.That(suite.Request("header-signed-request.txt").GetHeader("Authorization"), Does.EndWith("Signature=" + suite.Text("header-signature.txt")));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Presigned_form_verifies_with_the_suites_canonical_request_and_string_to_sign(string name)
    {
        var suite = SuiteCase.Load(name);
        var request = suite.Request("query-signed-request.txt");
        var result = await suite.Verifier().VerifyAsync(request, includeDiagnostics: true);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True, result.ToString());
            Assert.That(result.CanonicalRequest, Is.EqualTo(suite.Text("query-canonical-request.txt")));
            Assert.That(result.StringToSign, Is.EqualTo(suite.Text("query-string-to-sign.txt")));
            Assert.That(request.RawTarget, Does.Contain("X-Amz-Signature=" + suite.Text("query-signature.txt")));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Verified_credential_is_the_suites_key(string name)
    {
        var suite = SuiteCase.Load(name);
        var result = await suite.Verifier().VerifyAsync(suite.Request("header-signed-request.txt"));
        Assert.That(result.Credential?.AccessKeyId, Is.EqualTo(SuiteCase.AccessKeyId));
    }
}
