using System.Text.Json.Nodes;
using ApiAuth.AspNetCore.Tests.Interop;
using ApiAuth.Sample;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static ApiAuth.AspNetCore.Tests.Sample.SampleFactory;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>
/// End to end against the sample on a real Kestrel port: curl --aws-sigv4 and botocore on the IAM routes (and
/// tampered, refused), Cognito tokens minted with the demo key, and both demo authorizers.
/// </summary>
[NonParallelizable]
public sealed class SampleKestrelTests
{
    private SampleFactory _factory = null!;
    private HttpClient _client = null!;
    private string _baseUrl = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new SampleFactory();
        _factory.UseKestrel(0);
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _client = new HttpClient { BaseAddress = new Uri(_baseUrl) };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("GET", "/pets", null)]
    [TestCase("GET", "/pets/42", null)]
    [TestCase("POST", "/pets", "{\"name\":\"Rex\"}")]
    public async Task Curl_signed_call_to_an_iam_route_succeeds(string method, string path, string? body)
    {
        var (status, output) = await Curl(method, path, body, Secret);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200), output);
            Assert.That(output, Does.Contain("\"principalId\":\"arn:aws:iam::123456789012:user/demo\""));
        });
    }

    [Test]
    public async Task Curl_call_signed_with_the_wrong_secret_is_refused()
    {
        var (status, output) = await Curl("GET", "/pets", null, "wrong-secret");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(403));
            Assert.That(output, Does.Contain("The request signature we calculated does not match"));
        });
    }

    [TestCase("GET", "/pets", null)]
    [TestCase("GET", "/pets/a%20b", null)]
    [TestCase("POST", "/pets", "{\"name\":\"Rex\"}")]
    public async Task Botocore_signed_call_to_an_iam_route_succeeds(string method, string path, string? body)
    {
        var answer = await Botocore(new JsonObject
        {
            ["method"] = method,
            ["url"] = _baseUrl + path,
            ["body"] = body,
            ["headers"] = body is null ? null : new JsonObject { ["Content-Type"] = "application/json" },
        });
        Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(200), answer.ToJsonString());
    }

    [Test]
    public async Task Botocore_presigned_url_to_an_iam_route_succeeds()
    {
        var answer = await Botocore(new JsonObject { ["method"] = "GET", ["url"] = _baseUrl + "/pets/7", ["presign_expires"] = 60 });
        Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(200), answer.ToJsonString());
    }

    [Test]
    public async Task Botocore_call_tampered_after_signing_is_refused()
    {
        var path = await Botocore(new JsonObject { ["method"] = "GET", ["url"] = _baseUrl + "/pets/1", ["tamper_path"] = new JsonArray("/pets/1", "/pets/2") });
        var body = await Botocore(new JsonObject { ["method"] = "POST", ["url"] = _baseUrl + "/pets", ["body"] = "{\"name\":\"Rex\"}", ["tamper_body"] = "{\"name\":\"Max\"}" });
        Assert.Multiple(() =>
        {
            Assert.That(path["status"]!.GetValue<int>(), Is.EqualTo(403), path.ToJsonString());
            Assert.That(body["status"]!.GetValue<int>(), Is.EqualTo(403), body.ToJsonString());
        });
    }

    [Test]
    public async Task Cognito_tokens_minted_with_the_demo_key_pass_profile_and_orders()
    {
        var (idToken, accessToken) = DemoTokens.Mint(TimeProvider.System);
        Assert.Multiple(async () =>
        {
            Assert.That((await GetAsync(_client, "/profile", idToken)).Status, Is.EqualTo(200));
            Assert.That((await GetAsync(_client, "/orders", accessToken)).Status, Is.EqualTo(200));
            Assert.That((await GetAsync(_client, "/orders", idToken)).Status, Is.EqualTo(401));
            Assert.That((await GetAsync(_client, "/profile", accessToken)).Status, Is.EqualTo(401));
        });
    }

    [TestCase("allow", 200)]
    [TestCase("deny", 403)]
    [TestCase("unauthorized", 401)]
    [TestCase("anything-else", 500)]
    public async Task Demo_token_authorizer_outcomes(string token, int status) =>
        Assert.That((await GetAsync(_client, "/reports", token)).Status, Is.EqualTo(status));

    [Test]
    public async Task Demo_request_authorizer_needs_both_sources()
    {
        Assert.Multiple(async () =>
        {
            Assert.That((await GetAsync(_client, "/admin?key=demo-key", null, ("X-Tenant", "acme"))).Status, Is.EqualTo(200));
            Assert.That((await GetAsync(_client, "/admin?key=demo-key")).Status, Is.EqualTo(401));
            Assert.That((await GetAsync(_client, "/admin", null, ("X-Tenant", "acme"))).Status, Is.EqualTo(401));
        });
    }

    private async Task<(int Status, string Output)> Curl(string method, string path, string? body, string secret)
    {
        var arguments = new List<string> { "-sS", "--max-time", "30", "-X", method, "--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user", $"{AccessKeyId}:{secret}", "-w", "\n%{http_code}" };
        if (body is not null)
        {
            arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", body]);
        }
        arguments.Add(_baseUrl + path);
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("curl", arguments);
        Assert.That(exitCode, Is.Zero, stderr);
        var lastLine = stdout.LastIndexOf('\n');
        return (int.Parse(stdout[(lastLine + 1)..], System.Globalization.CultureInfo.InvariantCulture), stdout[..Math.Max(lastLine, 0)]);
    }

    private static async Task<JsonNode> Botocore(JsonObject spec)
    {
        spec["access_key"] = AccessKeyId;
        spec["secret"] = Secret;
        spec["region"] = "us-east-1";
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "botocore_client.py");
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("/usr/bin/python3", [script], spec.ToJsonString());
        Assert.That(exitCode, Is.Zero, stderr);
        return JsonNode.Parse(stdout)!;
    }
}
