using System.Net;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// HTTP/2 bodies need no Content-Length: a request signed with an empty body must not carry a body in unnoticed
/// (the attack: replay a signed DELETE, or a presigned URL, over h2 with a body of one's choosing).
/// </summary>
[NonParallelizable]
public sealed class Http2BodyTests
{
    [Test]
    public async Task Body_sent_over_http2_without_content_length_is_covered_by_the_signature()
    {
        await using var app = await StartAsync(maxBodySize: null);
        var url = new Uri(Address(app), "/items");
        var signer = new SigV4Signer(new SigV4SigningCredentials(TestApp.AccessKeyId, TestApp.Secret), "us-east-1");

        Assert.Multiple(async () =>
        {
            Assert.That(await SendAsync(url, signer, "hello"u8.ToArray(), "hello"u8.ToArray()), Is.EqualTo(HttpStatusCode.OK), "the real body is hashed and matches");
            Assert.That(await SendAsync(url, signer, [], "injected"u8.ToArray()), Is.EqualTo(HttpStatusCode.Forbidden), "a body the signature did not cover is refused");
        });
    }

    [Test]
    public async Task Presigned_url_with_percent_encoded_parameter_names_still_has_its_body_checked()
    {
        await using var app = await StartAsync(maxBodySize: null);
        var signer = new SigV4Signer(new SigV4SigningCredentials(TestApp.AccessKeyId, TestApp.Secret), "us-east-1");
        var url = new Uri(Address(app), "/items");
        var presigned = signer.Presign("POST", url, TimeSpan.FromMinutes(5), [new("Host", url.Authority)]).PresignedUri!;
        // %58 is 'X': the names decode to the same canonical query, so the signature still holds.
        // System.Uri would unescape %58 back to X, so the URL is sent exactly as written.
        var renamed = new Uri(
            presigned.GetLeftPart(UriPartial.Path) + presigned.Query.Replace("X-Amz-", "%58-Amz-", StringComparison.Ordinal),
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        Assert.Multiple(async () =>
        {
            Assert.That(await SendPresignedAsync(renamed, []), Is.EqualTo(HttpStatusCode.OK), "the renamed URL verifies with the body it was signed for");
            Assert.That(await SendPresignedAsync(renamed, "injected"u8.ToArray()), Is.EqualTo(HttpStatusCode.Forbidden), "a body the signature did not cover is refused");
        });
    }

    [Test]
    public async Task Body_without_content_length_over_the_limit_is_413()
    {
        await using var app = await StartAsync(maxBodySize: 1024);
        var url = new Uri(Address(app), "/items");
        var signer = new SigV4Signer(new SigV4SigningCredentials(TestApp.AccessKeyId, TestApp.Secret), "us-east-1");
        var body = new byte[4096];

        Assert.That(await SendAsync(url, signer, body, body), Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    private static async Task<WebApplication> StartAsync(long? maxBodySize)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddApiAuth(options =>
        {
            var credential = new CredentialOptions { AccessKeyId = TestApp.AccessKeyId, SecretAccessKey = TestApp.Secret, PrincipalArn = TestApp.UserArn };
            credential.Policies.Add(TestApp.AllowAll);
            options.Credentials.Add(credential);
            options.MaxBodySize = maxBodySize ?? options.MaxBodySize;
        });
        var app = builder.Build();
        app.MapPost("/items", async (HttpContext context) => new { length = (await new StreamReader(context.Request.Body).ReadToEndAsync()).Length })
            .RequireApiAuthorization(AuthorizationType.AwsIam);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    private static async Task<HttpStatusCode> SendAsync(Uri url, SigV4Signer signer, byte[] signedBody, byte[] sentBody)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new UnknownLengthContent(sentBody),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var (name, value) in signer.Sign("POST", url, [new("Host", url.Authority)], signedBody).Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        Assert.That(response.Version, Is.EqualTo(HttpVersion.Version20));
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> SendPresignedAsync(Uri url, byte[] body)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new UnknownLengthContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    // Content whose length HttpClient cannot know, so HTTP/2 sends DATA frames without a Content-Length header.
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
