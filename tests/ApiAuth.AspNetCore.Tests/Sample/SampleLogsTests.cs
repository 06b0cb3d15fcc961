using ApiAuth.SigV4.Signing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static ApiAuth.AspNetCore.Tests.Sample.SampleFactory;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>
/// Every log line the real sample host writes, all categories, at the sample's own configured levels, while it
/// serves presigned URLs and REQUEST-authorizer calls: none carries a signature, credential, security token or
/// query identity source (issue 15: ASP.NET Core's hosting diagnostics log each request target at Information, and a
/// presigned URL read from the log replays for up to 7 days).
/// </summary>
[NonParallelizable]
public sealed class SampleLogsTests
{
    private const string SessionToken = "FwoGZXIvYXdzEXAMPLE-session-token-value-for-the-log-test";
    private const string TenantKey = "demo-key";

    [Test]
    public async Task Sample_logs_carry_no_presigned_signature_credential_token_or_query_identity_source()
    {
        var logs = new ListLoggerProvider();
        var secrets = new List<string>();
        await using (var factory = new SampleFactory(logs: logs))
        {
            factory.UseKestrel(0);
            factory.StartServer();
            var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            using var client = new HttpClient();

            var presigned = new SigV4Signer(new SigV4SigningCredentials(AccessKeyId, Secret), "us-east-1").Presign("GET", new Uri(baseUrl + "/pets/7"), TimeSpan.FromMinutes(5));
            var withToken = new SigV4Signer(new SigV4SigningCredentials(AccessKeyId, Secret, SessionToken), "us-east-1").Presign("GET", new Uri(baseUrl + "/pets/8"), TimeSpan.FromMinutes(5));
            secrets.AddRange([presigned.Signature, withToken.Signature, SessionToken, Uri.EscapeDataString(SessionToken), AccessKeyId, Secret]);

            using (var ok = await client.GetAsync(presigned.PresignedUri))
            {
                Assert.That((int)ok.StatusCode, Is.EqualTo(200), "the presigned URL verifies");
            }
            using (var refused = await client.GetAsync(withToken.PresignedUri))
            {
                Assert.That((int)refused.StatusCode, Is.EqualTo(403), "a token the credential does not have is refused, and its request is still logged");
            }
            var admin = await GetAsync(client, $"{baseUrl}/admin?key={TenantKey}", null, ("X-Tenant", "acme"));
            Assert.That(admin.Status, Is.EqualTo(200), "the REQUEST authorizer read its query identity source");
            var denied = await GetAsync(client, $"{baseUrl}/admin?key=wrong-tenant-key-value", null, ("X-Tenant", "acme"));
            Assert.That(denied.Status, Is.EqualTo(403));
            secrets.AddRange([TenantKey, "wrong-tenant-key-value"]);
        }

        var lines = logs.Messages.ToList();
        Assert.Multiple(() =>
        {
            // The capture works: the host's own lines and ApiAuth's denial (both Information) are there.
            Assert.That(lines, Has.Some.StartsWith("Microsoft.Hosting.Lifetime"), "the provider sees the host's logs");
            Assert.That(lines, Has.Some.Contains("ApiAuthDecisionService").And.Contains("Denied"), "the provider sees request-time logs");
            foreach (var secret in secrets.Concat(["X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token"]))
            {
                // Name the offending lines by category and level, not by their text: the test output is a log too.
                var carriers = lines.Where(line => line.Contains(secret, StringComparison.Ordinal)).Select(line => string.Join(' ', line.Split(' ').Take(2))).Distinct();
                Assert.That(carriers, Is.Empty, $"log lines carrying '{secret[..Math.Min(6, secret.Length)]}...'");
            }
        });
    }
}
