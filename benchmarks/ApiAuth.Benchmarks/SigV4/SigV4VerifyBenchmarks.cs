using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4.Signing;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks.SigV4;

/// <summary>
/// Verifying a typical signed GET (3 signed headers, warm signing-key cache) against AWSSDK.Core's AWS4Signer
/// signing the same request, the work an AWS client does per call. Goal (DESIGN §5, issue 13): Ratio ≤ 0.20, ≤ 128 B per verify.
/// </summary>
[MemoryDiagnoser]
public class SigV4VerifyBenchmarks
{
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets/42?limit=10&type=dog");

    private SigV4Verifier _verifier = null!;
    private SigV4Request _request = null!;
    private AWS4Signer _sdkSigner = null!;
    private ExecuteApiConfig _sdkConfig = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTimeProvider(Now);
        _verifier = new SigV4Verifier(
            new InMemoryCredentialStore([new AccessKeyCredential(AccessKeyId, Secret, "arn:aws:iam::123456789012:user/alice")]),
            new SigV4VerifierOptions { Regions = ["us-east-1"] },
            time);
        var headers = new List<KeyValuePair<string, string>> { new("Host", Url.Host), new("Accept", "application/json") };
        var signature = new SigV4Signer(new SigV4SigningCredentials(AccessKeyId, Secret), "us-east-1", timeProvider: time).Sign("GET", Url, headers);
        headers.AddRange(signature.Headers);
        headers.Add(new("User-Agent", "benchmark/1.0"));
        _request = new SigV4Request("GET", Url.PathAndQuery, headers);
        if (!Verify())
        {
            throw new InvalidOperationException("The benchmark request does not verify.");
        }

        _sdkSigner = new AWS4Signer();
        _sdkConfig = new ExecuteApiConfig { AuthenticationRegion = "us-east-1", AuthenticationServiceName = "execute-api", ServiceURL = "https://abc123.execute-api.us-east-1.amazonaws.com/" };
    }

    [Benchmark(Baseline = true, Description = "AWSSDK.Core AWS4Signer.SignRequest")]
    public string SdkSign()
    {
        var request = new DefaultRequest(new InvokeRequest(), "execute-api")
        {
            HttpMethod = "GET",
            Endpoint = new Uri("https://abc123.execute-api.us-east-1.amazonaws.com/"),
            ResourcePath = "/prod/pets/42",
            AuthenticationRegion = "us-east-1",
        };
        request.Parameters["limit"] = "10";
        request.Parameters["type"] = "dog";
        request.Headers["Accept"] = "application/json";
        return _sdkSigner.SignRequest(request, _sdkConfig, null, AccessKeyId, Secret).ForAuthorizationHeader;
    }

    [Benchmark(Description = "ApiAuth SigV4Verifier.VerifyAsync")]
    public bool Verify() => _verifier.VerifyAsync(_request).GetAwaiter().GetResult().IsValid;

    private sealed class InvokeRequest : AmazonWebServiceRequest;

    private sealed class ExecuteApiConfig() : ClientConfig(null!)
    {
        public override string RegionEndpointServiceName => "execute-api";

        public override string ServiceVersion => "2015-07-09";

        public override string UserAgent => "benchmark";

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(ServiceURL);
    }
}
