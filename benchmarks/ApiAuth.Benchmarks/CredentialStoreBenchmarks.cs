using System.Net;
using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4.Signing;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The AWS_IAM pipeline with the in-memory credential store (the same object every request) against a store that
/// builds a fresh, equal credential per request, as one backed by a database does: the identity-policy cache keys on
/// the credential's value, so the fresh objects must not recompile the caller's policies.
/// </summary>
[MemoryDiagnoser]
public class CredentialStoreBenchmarks
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:loadtest/prod/GET/*"}]}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private ApiGateway _inMemory = null!;
    private ApiGateway _fresh = null!;
    private GatewayRequest _signed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTimeProvider(Now);
        var api = new RestApiReference("us-east-1", "123456789012", "loadtest");
        _inMemory = new ApiGateway(api, "prod", new SigV4Verifier(new InMemoryCredentialStore([FreshStore.Credential()]), new SigV4VerifierOptions(), time), null, null, time);
        _fresh = new ApiGateway(api, "prod", new SigV4Verifier(new FreshStore(), new SigV4VerifierOptions(), time), null, null, time);

        var url = new Uri("http://127.0.0.1:5099/iam/pets/1");
        var headers = new List<KeyValuePair<string, string>> { new("Host", "127.0.0.1:5099"), new("Accept", "*/*") };
        headers.AddRange(new SigV4Signer(new SigV4SigningCredentials(FreshStore.AccessKeyId, FreshStore.Secret), "us-east-1", timeProvider: time).Sign("GET", url, headers).Headers);
        _signed = new GatewayRequest("GET", "/iam/pets/1", "/iam/pets/1", headers) { SourceIp = IPAddress.Loopback };
        if (!InMemoryStore() || !FreshObjectStore())
        {
            throw new InvalidOperationException("The benchmark requests are not allowed.");
        }
    }

    [Benchmark(Baseline = true, Description = "AWS_IAM, in-memory store")]
    public bool InMemoryStore() => _inMemory.AuthorizeAsync(_signed, MethodAuthorization.AwsIam).GetAwaiter().GetResult().IsAllowed;

    [Benchmark(Description = "AWS_IAM, fresh credential object per request")]
    public bool FreshObjectStore() => _fresh.AuthorizeAsync(_signed, MethodAuthorization.AwsIam).GetAwaiter().GetResult().IsAllowed;

    private sealed class FreshStore : ICredentialStore
    {
        public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
        public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        // New strings too, as a database driver returns them: equal policies are compared by value, not by reference.
        public static AccessKeyCredential Credential() =>
            new(new string(AccessKeyId), new string(Secret), new string("arn:aws:iam::123456789012:user/loadtest")) { IdentityPolicies = [new string(Policy)] };

        public ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
            new(accessKeyId == AccessKeyId ? Credential() : null);
    }
}
