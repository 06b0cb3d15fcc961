using System.Text;
using static ApiAuth.AspNetCore.Tests.Interop.SigV4KestrelServer;

namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>Requests signed by AWSSDK.Core's <c>AWS4Signer</c>, sent to a real Kestrel server, verify; tampered ones do not.</summary>
[NonParallelizable]
public sealed class AwsSdkInteropTests : KestrelInteropFixture
{
    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData("GET", "/prod/pets", Array.Empty<string>(), null).SetName("Plain GET");
        yield return new TestCaseData("GET", "/prod/pets/with space", Array.Empty<string>(), null).SetName("Path with a space");
        yield return new TestCaseData("GET", "/prod/pets/café-ሴ", Array.Empty<string>(), null).SetName("Path with unicode");
        yield return new TestCaseData("GET", "/prod/pets/*", Array.Empty<string>(), null).SetName("Path with a star");
        yield return new TestCaseData("GET", "/prod/pets", new[] { "tag=b", "tag=a", "limit=10" }, null).SetName("Repeated query keys");
        yield return new TestCaseData("GET", "/prod/pets", new[] { "flag=", "q=a b+c/d" }, null).SetName("Empty and reserved query values");
        yield return new TestCaseData("POST", "/prod/pets", Array.Empty<string>(), "{\"name\":\"Rex\"}").SetName("POST with a JSON body");
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Sdk_signed_request_verifies(string method, string path, string[] query, string? body)
    {
        var answer = await Send(AwsSdkSigner.Sign(Server.BaseAddress, method, path, Pairs(query), Bytes(body), AccessKeyId, Secret));
        Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
    }

    [Test]
    public async Task Sdk_signed_path_segment_with_encoded_slash_verifies()
    {
        var message = AwsSdkSigner.Sign(Server.BaseAddress, "GET", "/prod/pets/{id}", [], null, AccessKeyId, Secret,
            pathResources: new Dictionary<string, string> { ["{id}"] = "a/b" });
        Assert.That(message.RequestUri!.OriginalString, Does.Contain("a%2Fb"));
        var answer = await Send(message);
        Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
    }

    [Test]
    public async Task Sdk_signed_request_with_session_token_verifies()
    {
        var answer = await Send(AwsSdkSigner.Sign(Server.BaseAddress, "GET", "/prod/pets", [], null, TemporaryAccessKeyId, TemporarySecret, SessionToken));
        Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
    }

    [Test]
    public async Task Sdk_signed_request_with_session_token_of_another_session_is_rejected()
    {
        var answer = await Send(AwsSdkSigner.Sign(Server.BaseAddress, "GET", "/prod/pets", [], null, TemporaryAccessKeyId, TemporarySecret, SessionToken + "x"));
        Assert.That(answer.Reason, Is.EqualTo("InvalidSessionToken"));
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Sdk_signed_request_sent_to_another_path_is_rejected(string method, string path, string[] query, string? body)
    {
        var message = AwsSdkSigner.Sign(Server.BaseAddress, method, path, Pairs(query), Bytes(body), AccessKeyId, Secret);
        message.RequestUri = new Uri(message.RequestUri!.ToString().Replace("/prod/", "/test/", StringComparison.Ordinal));
        var answer = await Send(message);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Reason, Is.EqualTo("SignatureDoesNotMatch"));
        });
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Sdk_signed_request_with_an_added_query_parameter_is_rejected(string method, string path, string[] query, string? body)
    {
        var message = AwsSdkSigner.Sign(Server.BaseAddress, method, path, Pairs(query), Bytes(body), AccessKeyId, Secret);
        var uri = message.RequestUri!.ToString();
        message.RequestUri = new Uri(uri + (uri.Contains('?', StringComparison.Ordinal) ? "&admin=true" : "?admin=true"));
        Assert.That((await Send(message)).Reason, Is.EqualTo("SignatureDoesNotMatch"));
    }

    [Test]
    public async Task Sdk_signed_post_with_a_changed_body_is_rejected()
    {
        var message = AwsSdkSigner.Sign(Server.BaseAddress, "POST", "/prod/pets", [], Bytes("{\"name\":\"Rex\"}"), AccessKeyId, Secret);
        message.Content = new ByteArrayContent(Bytes("{\"name\":\"Max\"}")!);
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        // AWS4Signer signs x-amz-content-sha256, so the changed body no longer matches the declared hash.
        Assert.That((await Send(message)).Reason, Is.EqualTo("PayloadHashMismatch"));
    }

    [Test]
    public async Task Sdk_signed_request_with_the_wrong_secret_is_rejected()
    {
        var answer = await Send(AwsSdkSigner.Sign(Server.BaseAddress, "GET", "/prod/pets", [], null, AccessKeyId, "not-the-secret"));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Reason, Is.EqualTo("SignatureDoesNotMatch"));
            Assert.That(answer.Message, Does.StartWith("The request signature we calculated does not match"));
        });
    }

    private async Task<Answer> Send(HttpRequestMessage message)
    {
        using (message)
        {
            using var response = await Client.SendAsync(message);
            return await Answer.ReadAsync(response);
        }
    }

    private static byte[]? Bytes(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string[] query) =>
        query.Select(pair => pair.Split('=', 2)).Select(parts => new KeyValuePair<string, string>(parts[0], parts.Length > 1 ? parts[1] : ""));
}
