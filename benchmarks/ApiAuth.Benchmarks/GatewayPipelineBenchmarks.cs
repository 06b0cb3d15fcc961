using System.Net;
using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4.Signing;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The whole Core pipeline for one request: AWS_IAM (SigV4 + identity policy + resource policy) against NONE
/// (resource policy only), the in-process part of the end-to-end load test.
/// </summary>
[MemoryDiagnoser]
public class GatewayPipelineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private ApiGateway _gateway = null!;
    private GatewayRequest _signed = null!;
    private GatewayRequest _open = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTimeProvider(Now);
        var api = new RestApiReference("us-east-1", "123456789012", "loadtest");
        var credential = new AccessKeyCredential("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "arn:aws:iam::123456789012:user/loadtest")
        {
            IdentityPolicies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:loadtest/prod/GET/*"}]}"""],
        };
        var resourcePolicy = PolicyCompiler.Load("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*"},
              {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
            """, new PolicyCompileOptions("resource", PolicyKind.Resource, api)).Policy;
        var verifier = new SigV4Verifier(new InMemoryCredentialStore([credential]), new SigV4VerifierOptions(), time);
        _gateway = new ApiGateway(api, "prod", verifier, resourcePolicy, null, time);

        var url = new Uri("http://127.0.0.1:5099/iam/pets/1");
        var headers = new List<KeyValuePair<string, string>> { new("Host", "127.0.0.1:5099"), new("Accept", "*/*") };
        headers.AddRange(new SigV4Signer(new SigV4SigningCredentials(credential.AccessKeyId, credential.SecretAccessKey), "us-east-1", timeProvider: time).Sign("GET", url, headers).Headers);
        _signed = new GatewayRequest("GET", "/iam/pets/1", "/iam/pets/1", headers) { SourceIp = IPAddress.Loopback };
        _open = new GatewayRequest("GET", "/none/pets/1", "/none/pets/1", headers.Take(2).ToList()) { SourceIp = IPAddress.Loopback };
        if (!AwsIam() || !None())
        {
            throw new InvalidOperationException("The benchmark requests are not allowed.");
        }
    }

    [Benchmark(Baseline = true, Description = "NONE (resource policy)")]
    public bool None() => _gateway.AuthorizeAsync(_open, MethodAuthorization.None).GetAwaiter().GetResult().IsAllowed;

    [Benchmark(Description = "AWS_IAM (SigV4 + identity + resource policy)")]
    public bool AwsIam() => _gateway.AuthorizeAsync(_signed, MethodAuthorization.AwsIam).GetAwaiter().GetResult().IsAllowed;
}
