using ApiAuth.AspNetCore.Tests.Sample;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>Secrets and credential material never reach the logs, at any level (DESIGN §6).</summary>
public sealed class SecretsInLogsTests
{
    [Test]
    public async Task Logs_at_every_level_hold_no_secret_signature_token_or_authorization_header()
    {
        var logs = new ListLoggerProvider();
        await using (var app = await TestApp.StartAsync(logs: logs))
        {
            using var signed = app.SignedClient();
            using var wrong = app.SignedClient("a-wrong-secret-value");
            var authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=deadbeef";
            (await signed.GetAsync("/minimal/iam")).Dispose();
            (await wrong.GetAsync("/minimal/iam")).Dispose();
            await SampleFactory.GetAsync(app.Client(), "/minimal/iam", authorization);
            await SampleFactory.GetAsync(app.Client(), "/minimal/iam", "Bearer my-bearer-token-value");
        }

        var text = string.Join('\n', logs.Messages);
        Assert.Multiple(() =>
        {
            Assert.That(logs.Messages, Is.Not.Empty, "the test captured the app's logs");
            Assert.That(text, Does.Not.Contain(TestApp.Secret));
            Assert.That(text, Does.Not.Contain("a-wrong-secret-value"));
            Assert.That(text, Does.Not.Contain("Signature="));
            Assert.That(text, Does.Not.Contain("my-bearer-token-value"));
        });
    }
}
