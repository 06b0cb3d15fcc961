using ApiAuth.SigV4.Signing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>The sample API with its embedded demo settings, in memory or on a real Kestrel port.</summary>
public sealed class SampleFactory : WebApplicationFactory<Program>
{
    public const string AccessKeyId = "AKIAAPIAUTHDEMO00001";
    public const string Secret = "apiauth-demo-secret-access-key-not-for-production";

    private readonly string? _configPath;
    private readonly ILoggerProvider? _logs;
    private readonly string? _definitionPath;

    /// <param name="configPath">A <c>--config</c> file; null for the embedded demo settings.</param>
    /// <param name="logs">One more logging provider; the sample's own levels still decide what reaches it.</param>
    /// <param name="definitionPath">A <c>--definition</c> file; null for the sample's own conventions.</param>
    public SampleFactory(string? configPath = null, ILoggerProvider? logs = null, string? definitionPath = null) =>
        (_configPath, _logs, _definitionPath) = (configPath, logs, definitionPath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "http://127.0.0.1:0");
        if (_configPath is not null)
        {
            builder.UseSetting("config", _configPath);
        }
        if (_definitionPath is not null)
        {
            builder.UseSetting("definition", _definitionPath);
        }
        if (_logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
        }
    }

    /// <summary>A client whose requests are SigV4-signed with the demo credential.</summary>
    public HttpClient CreateSignedClient(string secret = Secret) =>
        CreateDefaultClient(new SigV4SigningHandler(new SigV4Signer(new SigV4SigningCredentials(AccessKeyId, secret), "us-east-1")));

    /// <summary>Sends a GET with an Authorization header taken as is (tokens, or the demo authorizer's words).</summary>
    public static async Task<GatewayAnswer> GetAsync(HttpClient client, string path, string? authorization = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        return await GatewayAnswer.ReadAsync(response);
    }
}
