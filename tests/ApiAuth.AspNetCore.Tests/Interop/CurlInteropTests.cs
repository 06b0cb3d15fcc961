using static ApiAuth.AspNetCore.Tests.Interop.SigV4KestrelServer;

namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>
/// Requests signed by curl's <c>--aws-sigv4</c> to a real Kestrel server verify. curl 7.88 signs the raw path and
/// the query as written, so these URLs are simple and already sorted. Tampering is done by replaying what curl
/// sent, changed, with the same signature.
/// </summary>
[NonParallelizable]
public sealed class CurlInteropTests : KestrelInteropFixture
{
    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData("GET", "/prod/pets", null).SetName("{m}(plain GET)");
        yield return new TestCaseData("GET", "/prod/pets?limit=10&tag=a&tag=b", null).SetName("{m}(sorted repeated query keys)");
        yield return new TestCaseData("GET", "/prod/pets?empty=&flag=1", null).SetName("{m}(empty query value)");
        yield return new TestCaseData("POST", "/prod/pets", "{\"name\":\"Rex\"}").SetName("{m}(POST with a body)");
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Curl_signed_request_verifies(string method, string path, string? body)
    {
        var (status, output) = await Curl(method, path, body);
        Assert.That(status, Is.EqualTo(200), output);
    }

    [Test]
    public async Task Curl_signed_request_with_session_token_header_verifies()
    {
        var (status, output) = await Curl("GET", "/prod/pets", null, TemporaryAccessKeyId, TemporarySecret, ["-H", $"X-Amz-Security-Token: {SessionToken}"]);
        Assert.That(status, Is.EqualTo(200), output);
    }

    [Test]
    public async Task Curl_signed_request_with_the_wrong_secret_is_rejected()
    {
        var (status, output) = await Curl("GET", "/prod/pets", null, AccessKeyId, "not-the-secret");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(403));
            Assert.That(output, Does.Contain("The request signature we calculated does not match"));
        });
    }

    [Test]
    public async Task Curl_signed_request_for_another_service_is_rejected()
    {
        var (status, output) = await Curl("GET", "/prod/pets", null, service: "lambda");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(403));
            Assert.That(output, Does.Contain("Credential should be scoped to correct service: 'execute-api'."));
        });
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Curl_request_replayed_unchanged_still_verifies(string method, string path, string? body)
    {
        var sent = await SendWithCurl(method, path, body);
        Assert.That((await Replay(sent, sent.RawTarget, sent.Body)).Status, Is.EqualTo(200));
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Curl_request_replayed_to_another_path_is_rejected(string method, string path, string? body)
    {
        var sent = await SendWithCurl(method, path, body);
        var answer = await Replay(sent, sent.RawTarget.Replace("/prod/", "/test/", StringComparison.Ordinal), sent.Body);
        Assert.That(answer.Reason, Is.EqualTo("SignatureDoesNotMatch"));
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Curl_request_replayed_with_an_added_query_parameter_is_rejected(string method, string path, string? body)
    {
        var sent = await SendWithCurl(method, path, body);
        var target = sent.RawTarget + (sent.RawTarget.Contains('?', StringComparison.Ordinal) ? "&admin=true" : "?admin=true");
        Assert.That((await Replay(sent, target, sent.Body)).Reason, Is.EqualTo("SignatureDoesNotMatch"));
    }

    [Test]
    public async Task Curl_post_replayed_with_a_changed_body_is_rejected()
    {
        var sent = await SendWithCurl("POST", "/prod/pets", "{\"name\":\"Rex\"}");
        Assert.That((await Replay(sent, sent.RawTarget, "{\"name\":\"Max\"}"u8.ToArray())).Reason, Is.EqualTo("SignatureDoesNotMatch"));
    }

    private async Task<ReceivedRequest> SendWithCurl(string method, string path, string? body)
    {
        while (Server.Received.TryDequeue(out _))
        {
        }
        var (status, output) = await Curl(method, path, body);
        Assert.That(status, Is.EqualTo(200), output);
        Assert.That(Server.Received.TryDequeue(out var sent), Is.True);
        return sent!;
    }

    private async Task<Answer> Replay(ReceivedRequest sent, string rawTarget, byte[] body)
    {
        using var message = new HttpRequestMessage(new HttpMethod(sent.Method), new Uri(Server.BaseAddress, rawTarget));
        if (sent.Method != "GET")
        {
            message.Content = new ByteArrayContent(body);
        }
        foreach (var (name, value) in sent.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await Client.SendAsync(message);
        return await Answer.ReadAsync(response);
    }

    private async Task<(int Status, string Output)> Curl(string method, string path, string? body, string accessKey = AccessKeyId, string secret = Secret,
        string[]? extra = null, string service = "execute-api")
    {
        var arguments = new List<string>
        {
            "-sS", "--max-time", "30", "-X", method, "--aws-sigv4", $"aws:amz:{Region}:{service}", "--user", $"{accessKey}:{secret}",
            "-w", "\n%{http_code}",
        };
        if (body is not null)
        {
            arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", body]);
        }
        arguments.AddRange(extra ?? []);
        arguments.Add(Server.BaseAddress.ToString().TrimEnd('/') + path);
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("curl", arguments);
        Assert.That(exitCode, Is.Zero, $"curl failed: {stderr}");
        var lastLine = stdout.LastIndexOf('\n');
        return (int.Parse(stdout[(lastLine + 1)..], System.Globalization.CultureInfo.InvariantCulture), stdout[..Math.Max(lastLine, 0)]);
    }
}
