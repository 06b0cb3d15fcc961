using System.Text.Json;
using System.Text.Json.Nodes;
using static ApiAuth.AspNetCore.Tests.Interop.SigV4KestrelServer;

namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>
/// Requests signed and sent by Debian's botocore (<c>/usr/bin/python3</c>, package python3-botocore, installed by
/// .ci/run) to a real Kestrel server verify, in header and presigned form; tampered after signing, they do not.
/// </summary>
[NonParallelizable]
public sealed class BotocoreInteropTests : KestrelInteropFixture
{
    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData("GET", "/prod/pets", null).SetName("{m}(plain GET)");
        yield return new TestCaseData("GET", "/prod/pets/with%20space", null).SetName("{m}(path with a space)");
        yield return new TestCaseData("GET", "/prod/pets/a%2Fb", null).SetName("{m}(path with an encoded slash)");
        yield return new TestCaseData("GET", "/prod/pets/caf%C3%A9-%E1%88%B4", null).SetName("{m}(path with unicode)");
        yield return new TestCaseData("GET", "/prod/pets/*", null).SetName("{m}(path with a star)");
        yield return new TestCaseData("GET", "/prod/pets?tag=b&tag=a&limit=10", null).SetName("{m}(repeated query keys)");
        yield return new TestCaseData("GET", "/prod/pets?flag=&empty&q=a%20b", null).SetName("{m}(empty query values)");
        yield return new TestCaseData("POST", "/prod/pets", "{\"name\":\"Rex\"}").SetName("{m}(POST with a body)");
    }

    private static IEnumerable<TestCaseData> PresignShapes() => Shapes().Where(shape => (string)shape.Arguments[0]! == "GET" && !((string)shape.Arguments[1]!).Contains("tag=", StringComparison.Ordinal));

    [TestCaseSource(nameof(Shapes))]
    public async Task Botocore_signed_request_verifies(string method, string path, string? body)
    {
        var answer = await Run(new JsonObject { ["method"] = method, ["url"] = Url(path), ["body"] = body });
        Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(200), answer.ToJsonString());
    }

    [TestCaseSource(nameof(PresignShapes))]
    public async Task Botocore_presigned_url_verifies(string method, string path, string? body)
    {
        var answer = await Run(new JsonObject { ["method"] = method, ["url"] = Url(path), ["body"] = body, ["presign_expires"] = 300 });
        Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(200), answer.ToJsonString());
    }

    [Test]
    public async Task Botocore_request_with_session_token_verifies_in_both_forms()
    {
        var header = await Run(new JsonObject { ["method"] = "GET", ["url"] = Url("/prod/pets"), ["access_key"] = TemporaryAccessKeyId, ["secret"] = TemporarySecret, ["token"] = SessionToken });
        var presigned = await Run(new JsonObject { ["method"] = "GET", ["url"] = Url("/prod/pets"), ["access_key"] = TemporaryAccessKeyId, ["secret"] = TemporarySecret, ["token"] = SessionToken, ["presign_expires"] = 60 });
        Assert.Multiple(() =>
        {
            Assert.That(header["status"]!.GetValue<int>(), Is.EqualTo(200), header.ToJsonString());
            Assert.That(presigned["status"]!.GetValue<int>(), Is.EqualTo(200), presigned.ToJsonString());
        });
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Botocore_signed_request_sent_to_another_path_is_rejected(string method, string path, string? body)
    {
        var answer = await Run(new JsonObject { ["method"] = method, ["url"] = Url(path), ["body"] = body, ["tamper_path"] = new JsonArray("/prod/", "/test/") });
        AssertRejected(answer, "SignatureDoesNotMatch");
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Botocore_signed_request_with_an_added_query_parameter_is_rejected(string method, string path, string? body)
    {
        var answer = await Run(new JsonObject { ["method"] = method, ["url"] = Url(path), ["body"] = body, ["tamper_query"] = "admin=true" });
        AssertRejected(answer, "SignatureDoesNotMatch");
    }

    [Test]
    public async Task Botocore_signed_post_with_a_changed_body_is_rejected()
    {
        var answer = await Run(new JsonObject { ["method"] = "POST", ["url"] = Url("/prod/pets"), ["body"] = "{\"name\":\"Rex\"}", ["tamper_body"] = "{\"name\":\"Max\"}" });
        AssertRejected(answer, "SignatureDoesNotMatch");
    }

    [Test]
    public async Task Botocore_presigned_url_used_for_another_path_is_rejected()
    {
        var answer = await Run(new JsonObject { ["method"] = "GET", ["url"] = Url("/prod/pets"), ["presign_expires"] = 60, ["tamper_path"] = new JsonArray("/prod/", "/test/") });
        AssertRejected(answer, "SignatureDoesNotMatch");
    }

    [Test]
    public async Task Botocore_request_signed_for_another_region_is_rejected()
    {
        var answer = await Run(new JsonObject { ["method"] = "GET", ["url"] = Url("/prod/pets"), ["region"] = "eu-west-1" });
        AssertRejected(answer, "WrongRegion");
    }

    private static void AssertRejected(JsonNode answer, string reason) =>
        Assert.Multiple(() =>
        {
            Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(403), answer.ToJsonString());
            Assert.That(answer["reason"]!.GetValue<string>(), Is.EqualTo(reason));
        });

    private string Url(string path) => new Uri(Server.BaseAddress, path).OriginalString.Replace("//prod", "/prod", StringComparison.Ordinal);

    private static async Task<JsonNode> Run(JsonObject spec)
    {
        spec["access_key"] ??= AccessKeyId;
        spec["secret"] ??= Secret;
        spec["region"] ??= Region;
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "botocore_client.py");
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("/usr/bin/python3", [script], spec.ToJsonString());
        Assert.That(exitCode, Is.Zero, $"botocore failed (is python3-botocore installed? .ci/run installs it): {stderr}");
        return JsonNode.Parse(stdout) ?? throw new JsonException("botocore printed nothing");
    }
}
