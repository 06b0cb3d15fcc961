using ApiAuth.Authorizers.Jwt;
using ApiAuth.Tests.Authorizers.TestSupport;

namespace ApiAuth.Tests.Authorizers.Jwt;

public class JwksSourceTests
{
    [Test]
    public async Task File_source_finds_keys_by_kid()
    {
        using var key = new TestSigningKey("k1");
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"jwks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, TestJwt.Jwks(key.Jwk()));
        try
        {
            var source = JwksSource.FromFile(path);

            Assert.That((await source.FindKeyAsync("k1", default)).Key?.Kid, Is.EqualTo("k1"));
            Assert.That((await source.FindKeyAsync("k2", default)).Failure, Is.EqualTo(ApiAuth.Gateway.DecisionReason.UnknownKeyId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Two_keys_with_one_kid_are_refused_as_ambiguous()
    {
        using var a = new TestSigningKey("same");
        using var b = new TestSigningKey("same");

        Assert.That(() => JwksSource.FromJson(TestJwt.Jwks(a.Jwk(), b.Jwk())), Throws.ArgumentException.With.Message.Contains("same"));
    }

    [TestCase("not json")]
    [TestCase("[]")]
    public void Invalid_document_is_refused(string json)
    {
        Assert.That(() => JwksSource.FromJson(json), Throws.ArgumentException);
    }

    [Test]
    public async Task Keys_without_kid_are_never_selected()
    {
        using var key = new TestSigningKey("k1");
        var source = JwksSource.FromJson(TestJwt.Jwks(key.Jwk().Without("kid")));

        Assert.That((await source.FindKeyAsync("", default)).Key, Is.Null);
    }

    [TestCase("http://cognito-idp.us-east-1.amazonaws.com/us-east-1_A/.well-known/jwks.json")]
    [TestCase("ftp://127.0.0.1/jwks.json")]
    [TestCase("file:///etc/jwks.json")]
    public void Jwks_uri_must_be_https_or_loopback_http(string uri)
    {
        using var http = new HttpClient();

        Assert.That(() => JwksSource.FromUri(new Uri(uri), http, TimeProvider.System), Throws.ArgumentException);
    }

    [TestCase("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A/.well-known/jwks.json")]
    [TestCase("http://127.0.0.1:8080/jwks.json")]
    [TestCase("http://localhost/jwks.json")]
    public void Https_and_loopback_http_jwks_uris_are_accepted(string uri)
    {
        using var http = new HttpClient();

        Assert.That(() => JwksSource.FromUri(new Uri(uri), http, TimeProvider.System), Throws.Nothing);
    }
}
