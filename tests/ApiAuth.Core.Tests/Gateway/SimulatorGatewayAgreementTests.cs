using System.Net;
using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Simulation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using ApiAuth.SigV4.Signing;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Gateway;

/// <summary>
/// The simulator, the CLI and the gateway build a request's condition keys with one builder and combine policies with
/// one table, so the same request gets the same decision, deciding statements included, in all of them.
/// </summary>
public sealed class SimulatorGatewayAgreementTests
{
    private const string AliceArn = "arn:aws:iam::123456789012:user/alice";
    private const string BobArn = "arn:aws:iam::444455556666:user/bob";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly RestApiReference Api = new("us-east-1", "123456789012", "api123");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string IdentityAllow = """{"Version":"2012-10-17","Statement":[{"Sid":"IdAllow","Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";
    private const string IdentityDenyInsecure = """{"Version":"2012-10-17","Statement":[{"Sid":"IdAllow","Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"},{"Sid":"IdDenyHttp","Effect":"Deny","Action":"execute-api:Invoke","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";

    public sealed record Case(string Name, string AuthType, string? ResourcePolicy, string? Identity, string Caller, string Path, string SourceIp, bool Secure, string? UserAgent, DateTimeOffset When)
    {
        public override string ToString() => Name;
    }

    private static string Resource(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private const string AllowAll = """{"Sid":"RpAllow","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}""";
    private const string DenyDocNet = """{"Sid":"RpDenyNet","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}""";
    private const string DenyInsecure = """{"Sid":"RpDenyHttp","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""";
    private const string AllowSecureOnly = """{"Sid":"RpAllowTls","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""";
    private const string AllowBefore2027 = """{"Sid":"RpUntil2027","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"}}}""";
    private const string AllowAfterEpoch = """{"Sid":"RpAfterEpoch","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"NumericGreaterThan":{"aws:EpochTime":"1780000000"}}}""";
    private const string DenyCurl = """{"Sid":"RpDenyCurl","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringLike":{"aws:UserAgent":"curl/*"}}}""";
    private const string AllowPetsOnly = """{"Sid":"RpPets","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/pets*"}""";
    private const string AllowAlice = """{"Sid":"RpAlice","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}""";
    private const string AllowBobAccount = """{"Sid":"RpBob","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}""";
    private const string DenyNotPrincipalAlice = """{"Sid":"RpOnlyAlice","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}""";

    private static readonly DateTimeOffset In2027 = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset In2025 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<Case> Cases() =>
    [
        new("NONE, no resource policy", "NONE", null, null, "anonymous", "/pets", "203.0.113.7", true, null, Now),
        new("NONE, allow all", "NONE", Resource(AllowAll), null, "anonymous", "/pets", "203.0.113.7", true, null, Now),
        new("NONE, blocked network", "NONE", Resource(AllowAll, DenyDocNet), null, "anonymous", "/pets", "192.0.2.9", true, null, Now),
        new("NONE, clean network", "NONE", Resource(AllowAll, DenyDocNet), null, "anonymous", "/pets", "198.51.100.1", true, null, Now),
        new("NONE, http denied by SecureTransport false", "NONE", Resource(AllowAll, DenyInsecure), null, "anonymous", "/pets", "203.0.113.7", false, null, Now),
        new("NONE, https passes SecureTransport false deny", "NONE", Resource(AllowAll, DenyInsecure), null, "anonymous", "/pets", "203.0.113.7", true, null, Now),
        new("NONE, https meets SecureTransport true allow", "NONE", Resource(AllowSecureOnly), null, "anonymous", "/pets", "203.0.113.7", true, null, Now),
        new("NONE, http misses SecureTransport true allow", "NONE", Resource(AllowSecureOnly), null, "anonymous", "/pets", "203.0.113.7", false, null, Now),
        new("NONE, CurrentTime before the limit", "NONE", Resource(AllowBefore2027), null, "anonymous", "/pets", "203.0.113.7", true, null, Now),
        new("NONE, CurrentTime after the limit", "NONE", Resource(AllowBefore2027), null, "anonymous", "/pets", "203.0.113.7", true, null, In2027),
        new("NONE, EpochTime after the bound", "NONE", Resource(AllowAfterEpoch), null, "anonymous", "/pets", "203.0.113.7", true, null, Now),
        new("NONE, EpochTime before the bound", "NONE", Resource(AllowAfterEpoch), null, "anonymous", "/pets", "203.0.113.7", true, null, In2025),
        new("NONE, curl user agent denied", "NONE", Resource(AllowAll, DenyCurl), null, "anonymous", "/pets", "203.0.113.7", true, "curl/8.5.0", Now),
        new("NONE, other user agent passes", "NONE", Resource(AllowAll, DenyCurl), null, "anonymous", "/pets", "203.0.113.7", true, "Mozilla/5.0", Now),
        new("NONE, resource outside the allowed paths", "NONE", Resource(AllowPetsOnly), null, "anonymous", "/orders", "203.0.113.7", true, null, Now),
        new("NONE, resource inside the allowed paths", "NONE", Resource(AllowPetsOnly), null, "anonymous", "/pets/7", "203.0.113.7", true, null, Now),
        new("AWS_IAM, identity allow, no resource policy", "AWS_IAM", null, IdentityAllow, AliceArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, no identity policy, no resource policy", "AWS_IAM", null, null, AliceArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, resource policy names the caller", "AWS_IAM", Resource(AllowAlice), null, AliceArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, identity allow, resource deny by network", "AWS_IAM", Resource(AllowAll, DenyDocNet), IdentityAllow, AliceArn, "/pets", "192.0.2.9", true, null, Now),
        new("AWS_IAM, identity denies http", "AWS_IAM", null, IdentityDenyInsecure, AliceArn, "/pets", "203.0.113.7", false, null, Now),
        new("AWS_IAM, identity deny on http not met over https", "AWS_IAM", null, IdentityDenyInsecure, AliceArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, cross account, both sides allow", "AWS_IAM", Resource(AllowBobAccount), IdentityAllow, BobArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, cross account, resource silent", "AWS_IAM", Resource(AllowPetsOnly), IdentityAllow, BobArn, "/orders", "203.0.113.7", true, null, Now),
        new("AWS_IAM, cross account, identity silent", "AWS_IAM", Resource(AllowBobAccount), null, BobArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, NotPrincipal deny spares alice", "AWS_IAM", Resource(AllowAll, DenyNotPrincipalAlice), IdentityAllow, AliceArn, "/pets", "203.0.113.7", true, null, Now),
        new("AWS_IAM, NotPrincipal deny hits bob", "AWS_IAM", Resource(AllowAll, DenyNotPrincipalAlice), IdentityAllow, BobArn, "/pets", "203.0.113.7", true, null, Now),
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Simulator_and_gateway_decide_alike(Case c)
    {
        var time = new FakeTimeProvider(c.When);
        var simulator = new PolicySimulator(Api, "prod", c.ResourcePolicy, time);
        if (c.Identity is not null)
        {
            simulator = simulator.WithIdentityPolicies(c.Caller, c.Identity);
        }
        var context = new Dictionary<string, string>();
        if (!c.Secure)
        {
            context["aws:SecureTransport"] = "false";
        }
        if (c.UserAgent is not null)
        {
            context["aws:UserAgent"] = c.UserAgent;
        }
        var simulated = simulator.Check(c.Caller, "GET", c.Path, c.SourceIp, context, c.AuthType == "AWS_IAM" ? AuthorizationType.AwsIam : AuthorizationType.None);

        var gateway = await GatewayDecisionAsync(c, time);

        Assert.Multiple(() =>
        {
            Assert.That(gateway.IsAllowed, Is.EqualTo(simulated.IsAllowed), simulated.Explanation);
            Assert.That(gateway.StatusCode, Is.EqualTo(simulated.Decision.StatusCode));
            Assert.That(gateway.Message, Is.EqualTo(simulated.Decision.Message));
            Assert.That(gateway.Statements.Select(s => s.Source.Sid), Is.EqualTo(simulated.Decision.Statements.Select(s => s.Source.Sid)), "the same statements decided");
        });
    }

    [Test]
    public void The_table_covers_every_outcome()
    {
        var time = new FakeTimeProvider(Now);
        var decisions = Cases().Select(c =>
        {
            var simulator = new PolicySimulator(Api, "prod", c.ResourcePolicy, new FakeTimeProvider(c.When));
            simulator = c.Identity is null ? simulator : simulator.WithIdentityPolicies(c.Caller, c.Identity);
            var context = c.Secure ? new Dictionary<string, string>() : new Dictionary<string, string> { ["aws:SecureTransport"] = "false" };
            if (c.UserAgent is not null)
            {
                context["aws:UserAgent"] = c.UserAgent;
            }
            return simulator.Check(c.Caller, "GET", c.Path, c.SourceIp, context, c.AuthType == "AWS_IAM" ? AuthorizationType.AwsIam : AuthorizationType.None).Decision.Decision;
        }).ToHashSet();
        Assert.That(decisions, Is.EquivalentTo(new[] { Policies.Evaluation.PolicyDecision.Allow, Policies.Evaluation.PolicyDecision.ExplicitDeny, Policies.Evaluation.PolicyDecision.ImplicitDeny }));
    }

    private static async Task<GatewayDecision> GatewayDecisionAsync(Case c, FakeTimeProvider time)
    {
        var resourcePolicy = c.ResourcePolicy is null ? null : PolicyCompiler.Load(c.ResourcePolicy, new PolicyCompileOptions("resourcePolicy", PolicyKind.Resource, Api)).Policy;
        var accessKey = c.Caller == AliceArn ? "AKIAALICE00000000000" : "AKIABOB0000000000000";
        var credential = new AccessKeyCredential(accessKey, Secret, c.Caller == "anonymous" ? AliceArn : c.Caller)
        {
            IdentityPolicies = c.Identity is null ? [] : [c.Identity],
        };
        var verifier = new SigV4Verifier(new InMemoryCredentialStore([credential]), timeProvider: time);
        var gateway = new ApiGateway(Api, "prod", verifier, resourcePolicy, timeProvider: time);

        var headers = new List<KeyValuePair<string, string>> { new("Host", "api123.execute-api.us-east-1.amazonaws.com") };
        if (c.UserAgent is not null)
        {
            headers.Add(new("User-Agent", c.UserAgent));
        }
        var method = MethodAuthorization.None;
        if (c.AuthType == "AWS_IAM")
        {
            method = MethodAuthorization.AwsIam;
            var signature = new SigV4Signer(new SigV4SigningCredentials(accessKey, Secret), "us-east-1", timeProvider: time)
                .Sign("GET", new Uri("https://api123.execute-api.us-east-1.amazonaws.com" + c.Path), headers);
            headers.AddRange(signature.Headers);
        }
        var request = new GatewayRequest("GET", c.Path, c.Path, headers) { SourceIp = IPAddress.Parse(c.SourceIp), IsSecureTransport = c.Secure };
        return await gateway.AuthorizeAsync(request, method);
    }
}
