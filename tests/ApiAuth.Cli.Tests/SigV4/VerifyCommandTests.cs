using System.Text.Json;

namespace ApiAuth.Cli.Tests.SigV4;

public sealed class VerifyCommandTests
{
    private const string Case = "get-vanilla-query-order-encoded";
    private static readonly string[] Key = ["--access-key", "AKIDEXAMPLE", "--secret", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "--region", "us-east-1", "--service", "service"];

    [Test]
    public async Task Valid_suite_request_prints_valid_json_with_canonical_texts_and_exits_0()
    {
        var run = await CliRun.RunAsync(["verify", .. Key, "--request", CliRun.Data(Case, "header-signed-request.txt"), "--now", "2015-08-30T12:36:00Z"]);

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Stderr);
            Assert.That(json.RootElement.GetProperty("valid").GetBoolean(), Is.True);
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Is.EqualTo("Valid"));
            Assert.That(json.RootElement.GetProperty("canonicalRequest").GetString(), Is.EqualTo(File.ReadAllText(CliRun.Data(Case, "header-canonical-request.txt"))));
            Assert.That(json.RootElement.GetProperty("stringToSign").GetString(), Is.EqualTo(File.ReadAllText(CliRun.Data(Case, "header-string-to-sign.txt"))));
        });
    }

    [Test]
    public async Task Presigned_request_from_stdin_verifies()
    {
        var run = await CliRun.RunAsync(File.ReadAllText(CliRun.Data(Case, "query-signed-request.txt")), ["verify", .. Key, "--request", "-", "--now", "20150830T123600Z"]);
        Assert.That(run.ExitCode, Is.Zero, run.Stdout + run.Stderr);
    }

    [Test]
    public async Task Aws4_presigned_request_without_expires_verifies_within_5_minutes_and_expires_after()
    {
        string[] aws4Key = ["--access-key", "AKIDEXAMPLE", "--secret", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "--region", "us-east-1"];
        var request = CliRun.Data("aws4-presigned", "get-presigned-no-expires.txt");
        var valid = await CliRun.RunAsync(["verify", .. aws4Key, "--request", request, "--now", "2024-05-01T12:05:00Z"]);
        var expired = await CliRun.RunAsync(["verify", .. aws4Key, "--request", request, "--now", "2024-05-01T12:05:01Z"]);

        using var validJson = JsonDocument.Parse(valid.Stdout);
        using var expiredJson = JsonDocument.Parse(expired.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(valid.ExitCode, Is.Zero, valid.Stdout + valid.Stderr);
            Assert.That(validJson.RootElement.GetProperty("valid").GetBoolean(), Is.True);
            Assert.That(validJson.RootElement.GetProperty("canonicalRequest").GetString(), Does.StartWith("GET\n/prod/pets/42\n"));
            Assert.That(expired.ExitCode, Is.EqualTo(1));
            Assert.That(expiredJson.RootElement.GetProperty("reason").GetString(), Is.EqualTo("SignatureExpired"));
        });
    }

    [Test]
    public async Task Expired_request_exits_1_with_the_AWS_message()
    {
        var run = await CliRun.RunAsync(["verify", .. Key, "--request", CliRun.Data(Case, "header-signed-request.txt"), "--now", "2015-08-30T12:42:00Z"]);

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(json.RootElement.GetProperty("valid").GetBoolean(), Is.False);
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Is.EqualTo("SignatureExpired"));
            Assert.That(json.RootElement.GetProperty("message").GetString(),
                Is.EqualTo("Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)"));
        });
    }

    [Test]
    public async Task Wrong_secret_exits_1_with_signature_mismatch_and_still_shows_the_canonical_request()
    {
        var run = await CliRun.RunAsync(["verify", "--access-key", "AKIDEXAMPLE", "--secret", "not-the-secret", "--region", "us-east-1", "--service", "service",
            "--request", CliRun.Data(Case, "header-signed-request.txt"), "--now", "2015-08-30T12:36:00Z"]);

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(json.RootElement.GetProperty("reason").GetString(), Is.EqualTo("SignatureDoesNotMatch"));
            Assert.That(json.RootElement.GetProperty("canonicalRequest").GetString(), Is.EqualTo(File.ReadAllText(CliRun.Data(Case, "header-canonical-request.txt"))));
        });
    }

    [Test]
    public async Task Missing_file_exits_2() =>
        Assert.That((await CliRun.RunAsync(["verify", .. Key, "--request", "/nonexistent/request.txt"])).ExitCode, Is.EqualTo(2));

    [Test]
    public async Task Text_that_is_not_http_exits_2() =>
        Assert.That((await CliRun.RunAsync("hello\n", ["verify", .. Key, "--request", "-"])).ExitCode, Is.EqualTo(2));

    [Test]
    public async Task Bad_now_exits_2()
    {
        var run = await CliRun.RunAsync(["verify", .. Key, "--request", "-", "--now", "yesterday"]);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("--now must be an ISO 8601 time"));
    }
}
