using ApiAuth.Gateway;
using ApiAuth.SigV4;

namespace ApiAuth.Tests.SigV4;

/// <summary>
/// <see cref="SigV4Verifier.ClaimsSignature"/> must say yes to every request the verifier would check a signature on,
/// however the presign parameters are spelled, or an adapter would skip hashing a body the signature has to cover.
/// </summary>
public class ClaimsSignatureTests
{
    [TestCase("/prod/pets", true, true, TestName = "An Authorization header claims a signature")]
    [TestCase("/prod/pets?X-Amz-Algorithm=AWS4-HMAC-SHA256", false, true, TestName = "X-Amz-Algorithm claims a presigned signature")]
    [TestCase("/prod/pets?a=1&%58-Amz-Algorithm=AWS4-HMAC-SHA256", false, true, TestName = "A percent-encoded X still claims a presigned signature")]
    [TestCase("/prod/pets?X%2DAmz%2DAlgorithm=AWS4-HMAC-SHA256", false, true, TestName = "Percent-encoded dashes still claim a presigned signature")]
    [TestCase("/prod/pets?X-Amz-Signature=abc", false, false, TestName = "A signature without X-Amz-Algorithm is no claim, as the verifier reads it")]
    [TestCase("/prod/pets?limit=10", false, false, TestName = "An unsigned request claims nothing")]
    public void Matches_how_the_verifier_reads_the_request(string rawTarget, bool hasAuthorization, bool claims)
    {
        Assert.That(SigV4Verifier.ClaimsSignature(rawTarget, hasAuthorization), Is.EqualTo(claims));
    }

    [Test]
    public async Task An_unclaimed_request_is_refused_as_missing_authentication()
    {
        var verifier = new SigV4Verifier(new ApiAuth.SigV4.Credentials.InMemoryCredentialStore([]));
        var request = new SigV4Request("GET", "/prod/pets?X-Amz-Signature=abc", [new("Host", "example.com")]);

        var result = await verifier.VerifyAsync(request);

        Assert.That(SigV4Verifier.ClaimsSignature(request.RawTarget, hasAuthorizationHeader: false), Is.False);
        Assert.That(result.Reason, Is.EqualTo(DecisionReason.MissingAuthenticationToken));
    }
}
