using System.Text.Json.Nodes;
using ApiAuth.AspNetCore.Tests.Interop;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using static ApiAuth.AspNetCore.Tests.Sample.SampleFactory;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>
/// <c>UNSIGNED-PAYLOAD</c> against the sample on Kestrel, signed by botocore: a captured POST must not carry another
/// body. Only S3 defines the unsigned-payload option: AWS's S3 API Reference, "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk"
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html) describes it for requests "to
/// Amazon S3", while the general SigV4 rule (https://docs.aws.amazon.com/general/latest/gr/sigv4-create-canonical-request.html)
/// ends every canonical request with HexEncode(Hash(Payload)) of the body. Other services, API Gateway among them,
/// compute the body's hash and so answer a signature mismatch (aws-sdk-go v1 signer v4.go, cited in
/// apache/opendal-reqsign#346: "Only s3 related service support this option, other service would result in
/// SignatureDoesNotMatch"; aws/aws-sdk-java-v2#5581).
/// </summary>
[NonParallelizable]
public sealed class UnsignedPayloadTests
{
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    [Test]
    public async Task Botocore_post_signed_with_unsigned_payload_and_a_swapped_body_is_refused()
    {
        await using var sample = await KestrelSample.StartAsync(null);
        var answer = await SwapBody(sample.BaseUrl);
        Assert.Multiple(() =>
        {
            Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(403), answer.ToJsonString());
            Assert.That(answer["body"]!.GetValue<string>(), Does.Contain(Mismatch));
            Assert.That(answer["body"]!.GetValue<string>(), Does.Not.Contain("Evil"), "the handler never ran");
        });
    }

    [Test]
    public async Task Botocore_post_signed_with_unsigned_payload_is_refused_even_with_the_body_it_was_signed_for()
    {
        await using var sample = await KestrelSample.StartAsync(null);
        var answer = await Botocore(sample.BaseUrl, tamperBody: null);
        Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(403), answer.ToJsonString());
    }

    [Test]
    public async Task Botocore_post_signed_with_unsigned_payload_is_allowed_only_with_AllowUnsignedPayload()
    {
        await using var sample = await KestrelSample.StartAsync(SampleApiTests.WriteConfig("\"AllowUnsignedPayload\": true,"));
        var answer = await SwapBody(sample.BaseUrl);
        Assert.Multiple(() =>
        {
            Assert.That(answer["status"]!.GetValue<int>(), Is.EqualTo(200), answer.ToJsonString());
            Assert.That(answer["body"]!.GetValue<string>(), Does.Contain("Evil"), "with the option the body is not covered: the user chose that");
        });
    }

    [Test]
    public async Task Botocore_post_with_a_signed_payload_still_verifies_and_a_swapped_body_is_refused_with_the_option()
    {
        await using var sample = await KestrelSample.StartAsync(SampleApiTests.WriteConfig("\"AllowUnsignedPayload\": true,"));
        var signed = await Botocore(sample.BaseUrl, tamperBody: null, unsigned: false);
        var swapped = await Botocore(sample.BaseUrl, tamperBody: "{\"name\":\"Evil\"}", unsigned: false);
        Assert.Multiple(() =>
        {
            Assert.That(signed["status"]!.GetValue<int>(), Is.EqualTo(200), signed.ToJsonString());
            Assert.That(swapped["status"]!.GetValue<int>(), Is.EqualTo(403), swapped.ToJsonString());
        });
    }

    private static Task<JsonNode> SwapBody(string baseUrl) => Botocore(baseUrl, tamperBody: "{\"name\":\"Evil\"}");

    private static async Task<JsonNode> Botocore(string baseUrl, string? tamperBody, bool unsigned = true)
    {
        var headers = new JsonObject { ["Content-Type"] = "application/json" };
        if (unsigned)
        {
            // botocore signs the declared value instead of the body's hash when the header is set before signing.
            headers["X-Amz-Content-SHA256"] = "UNSIGNED-PAYLOAD";
        }
        var spec = new JsonObject
        {
            ["method"] = "POST",
            ["url"] = baseUrl + "/pets",
            ["body"] = "{\"name\":\"Rex\"}",
            ["headers"] = headers,
            ["tamper_body"] = tamperBody,
            ["access_key"] = AccessKeyId,
            ["secret"] = Secret,
            ["region"] = "us-east-1",
        };
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "botocore_client.py");
        var (exitCode, stdout, stderr) = await ExternalProcess.RunAsync("/usr/bin/python3", [script], spec.ToJsonString());
        Assert.That(exitCode, Is.Zero, stderr);
        return JsonNode.Parse(stdout)!;
    }

    /// <summary>The sample on a Kestrel loopback port, with its demo settings or a config file.</summary>
    private sealed class KestrelSample : IAsyncDisposable
    {
        private readonly SampleFactory _factory;

        private KestrelSample(SampleFactory factory, string baseUrl) => (_factory, BaseUrl) = (factory, baseUrl);

        public string BaseUrl { get; }

        public static Task<KestrelSample> StartAsync(string? configPath)
        {
            var factory = new SampleFactory(configPath);
            factory.UseKestrel(0);
            factory.StartServer();
            var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return Task.FromResult(new KestrelSample(factory, baseUrl));
        }

        public ValueTask DisposeAsync() => _factory.DisposeAsync();
    }
}
