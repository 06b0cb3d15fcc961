namespace ApiAuth.Cli.Tests.SigV4;

public sealed class SignCommandTests
{
    private static readonly string[] Key = ["--access-key", "AKIDEXAMPLE", "--secret", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"];

    [Test]
    public async Task Sign_prints_headers_that_verify_back()
    {
        var sign = await CliRun.RunAsync(["sign", .. Key, "--url", "https://example.amazonaws.com/prod/pets?limit=2", "--now", "2026-01-02T03:04:05Z"]);
        Assert.That(sign.ExitCode, Is.Zero, sign.Stderr);
        Assert.That(sign.Stdout, Does.Contain("X-Amz-Date: 20260102T030405Z"));
        Assert.That(sign.Stdout, Does.Contain("Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature="));

        var request = "GET /prod/pets?limit=2 HTTP/1.1\nHost: example.amazonaws.com\n" + sign.Stdout.Replace("\r", "", StringComparison.Ordinal) + "\n";
        var verify = await CliRun.RunAsync(request, ["verify", .. Key, "--request", "-", "--now", "2026-01-02T03:06:00Z"]);
        Assert.That(verify.ExitCode, Is.Zero, verify.Stdout);
    }

    [Test]
    public async Task Sign_with_a_session_token_prints_headers_that_verify_back()
    {
        string[] token = ["--session-token", "FQoGZXIvYXdzEXAMPLETOKEN"];
        var sign = await CliRun.RunAsync(["sign", .. Key, .. token, "--url", "https://example.amazonaws.com/prod/pets", "--now", "2026-01-02T03:04:05Z"]);
        Assert.That(sign.Stdout, Does.Contain("X-Amz-Security-Token: FQoGZXIvYXdzEXAMPLETOKEN"), sign.Stderr);

        var request = "GET /prod/pets HTTP/1.1\nHost: example.amazonaws.com\n" + sign.Stdout.Replace("\r", "", StringComparison.Ordinal) + "\n";
        var verify = await CliRun.RunAsync(request, ["verify", .. Key, .. token, "--request", "-", "--now", "2026-01-02T03:06:00Z"]);
        Assert.That(verify.ExitCode, Is.Zero, verify.Stdout);
    }

    [Test]
    public async Task Sign_from_a_raw_request_prints_headers_that_verify_back()
    {
        const string raw = "GET /prod/pets?limit=2 HTTP/1.1\nHost: example.amazonaws.com\n\n";
        var sign = await CliRun.RunAsync(raw, ["sign", .. Key, "--request", "-", "--now", "2026-01-02T03:04:05Z"]);
        Assert.That(sign.ExitCode, Is.Zero, sign.Stderr);

        var request = raw.TrimEnd('\n') + "\n" + sign.Stdout.Replace("\r", "", StringComparison.Ordinal) + "\n";
        var verify = await CliRun.RunAsync(request, ["verify", .. Key, "--request", "-", "--now", "2026-01-02T03:06:00Z"]);
        Assert.That(verify.ExitCode, Is.Zero, verify.Stdout);
    }

    [TestCase("GET /prod/pets HTTP/1.1\nHost: example.amazonaws.com/admin\n\n")]
    [TestCase("GET /prod/pets HTTP/1.1\nHost: user@evil.example\n\n")]
    [TestCase("GET /prod/pets HTTP/1.1\nHost: example.amazonaws.com?x=1\n\n")]
    [TestCase("GET http://evil.example/prod/pets HTTP/1.1\nHost: example.amazonaws.com\n\n")]
    public async Task Sign_refuses_a_raw_request_whose_host_or_target_would_sign_another_url(string raw)
    {
        var sign = await CliRun.RunAsync(raw, ["sign", .. Key, "--request", "-"]);
        Assert.That(sign.ExitCode, Is.EqualTo(2), sign.Stdout);
        Assert.That(sign.Stderr, Does.Contain("origin-form target"));
    }

    [Test]
    public async Task Presign_prints_a_url_that_verifies_back_until_it_expires()
    {
        var presign = await CliRun.RunAsync(["presign", .. Key, "--url", "https://example.amazonaws.com/prod/pets", "--expires", "60", "--now", "2026-01-02T03:04:05Z"]);
        Assert.That(presign.ExitCode, Is.Zero, presign.Stderr);
        var url = new Uri(presign.Stdout.Trim());
        Assert.That(url.Query, Does.Contain("X-Amz-Expires=60").And.Contain("X-Amz-Signature="));

        var request = $"GET {url.PathAndQuery} HTTP/1.1\nHost: example.amazonaws.com\n\n";
        Assert.Multiple(async () =>
        {
            Assert.That((await CliRun.RunAsync(request, ["verify", .. Key, "--request", "-", "--now", "2026-01-02T03:05:00Z"])).ExitCode, Is.Zero);
            Assert.That((await CliRun.RunAsync(request, ["verify", .. Key, "--request", "-", "--now", "2026-01-02T03:05:06Z"])).ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Sign_without_url_or_request_exits_2() =>
        Assert.That((await CliRun.RunAsync(["sign", .. Key])).ExitCode, Is.EqualTo(2));

    [Test]
    public async Task Presign_beyond_a_week_exits_2() =>
        Assert.That((await CliRun.RunAsync(["presign", .. Key, "--url", "https://h/p", "--expires", "604801"])).ExitCode, Is.EqualTo(2));
}
