using System.Collections.Concurrent;
using System.Text.Json;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>
/// A real Kestrel server on a loopback port that verifies every request with <see cref="SigV4Verifier"/>, from the
/// raw request target, and answers 200 or API Gateway's 403. It records what arrived, so tests can replay it.
/// </summary>
public sealed class SigV4KestrelServer : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string TemporaryAccessKeyId = "ASIAIOSFODNN7EXAMPLE";
    public const string TemporarySecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    public const string SessionToken = "FwoGZXIvYXdzEBYaDexample+session/token==";
    public const string Region = "us-east-1";

    private readonly WebApplication _app;

    private SigV4KestrelServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<SigV4KestrelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SigV4KestrelServer(app);
        var verifier = new SigV4Verifier(
            new InMemoryCredentialStore(
            [
                new AccessKeyCredential(AccessKeyId, Secret, "arn:aws:iam::123456789012:user/alice"),
                new AccessKeyCredential(TemporaryAccessKeyId, TemporarySecret, "arn:aws:sts::123456789012:assumed-role/reader/session") { SessionToken = SessionToken },
            ]),
            new SigV4VerifierOptions { Regions = [Region] });

        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var header in context.Request.Headers)
            {
                foreach (var value in header.Value)
                {
                    headers.Add(new(header.Key, value ?? string.Empty));
                }
            }
            var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var request = new SigV4Request(context.Request.Method, rawTarget, headers, body.ToArray());
            server.Received.Enqueue(new ReceivedRequest(request.Method, rawTarget, headers, body.ToArray()));

            var result = await verifier.VerifyAsync(request, includeDiagnostics: true);
            context.Response.StatusCode = result.StatusCode;
            context.Response.Headers["x-apiauth-reason"] = result.IsValid ? "Valid" : result.Reason.ToString();
            if (!result.IsValid)
            {
                context.Response.Headers["x-amzn-ErrorType"] = result.ErrorType;
            }
            await context.Response.WriteAsJsonAsync(new
            {
                message = result.Message,
                principal = result.Credential?.PrincipalArn,
                canonicalRequest = result.CanonicalRequest,
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record ReceivedRequest(string Method, string RawTarget, List<KeyValuePair<string, string>> Headers, byte[] Body);

    /// <summary>What the server answered.</summary>
    public sealed record Answer(int Status, string Reason, string Body)
    {
        public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
            new((int)response.StatusCode,
                response.Headers.TryGetValues("x-apiauth-reason", out var reason) ? reason.Single() : "",
                await response.Content.ReadAsStringAsync());

        public string? Message => JsonDocument.Parse(Body).RootElement.GetProperty("message").GetString();
    }
}
