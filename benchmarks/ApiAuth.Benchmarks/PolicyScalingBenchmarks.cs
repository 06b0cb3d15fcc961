using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Validation;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// DESIGN §5: cost of evaluating large resource policies whose statements name distinct methods and paths, for 10,
/// 100 and 1000 statements (plus a wildcard Allow and an IP Deny that every request must consider). Goal: sub-linear.
/// </summary>
[MemoryDiagnoser]
public class PolicyScalingBenchmarks
{
    private static readonly RestApiReference Api = new("us-east-1", "123456789012", "a1b2c3d4e5");
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];
    private CompiledPolicy _policy = null!;
    private PolicyRequest _hit = null!;
    private PolicyRequest _miss = null!;

    /// <summary>The number of path statements.</summary>
    [Params(10, 100, 1000)]
    public int Statements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var statements = Enumerable.Range(0, Statements).Select(i =>
            $$"""{"Sid": "S{{i}}", "Effect": "{{(i % 10 == 9 ? "Deny" : "Allow")}}", "Principal": "*", "Action": "execute-api:Invoke", "Resource": ["execute-api:/prod/{{Methods[i % 4]}}/items/{{i}}", "execute-api:/prod/{{Methods[i % 4]}}/items/{{i}}/*"]}""");
        var json = $$"""
            {"Version": "2012-10-17", "Statement": [{{string.Join(",", statements)}},
              {"Sid": "Health", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/GET/health"},
              {"Sid": "Blocked", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
               "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"} } } ] }
            """;
        var loaded = PolicyCompiler.Load(json, new PolicyCompileOptions("resourcePolicy", PolicyKind.Resource, Api));
        _policy = loaded.Policy ?? throw new InvalidOperationException(loaded.ErrorMessage);
        var middle = Statements / 2;
        _hit = Request(Methods[middle % 4], $"/items/{middle}/details");
        _miss = Request("PATCH", "/nothing/here");
        if (_policy.Evaluate(_hit).Decision != PolicyDecision.Allow || _policy.Evaluate(_miss).Decision != PolicyDecision.ImplicitDeny)
        {
            throw new InvalidOperationException("The benchmark requests do not decide as intended.");
        }
    }

    /// <summary>A request allowed by one statement in the middle of the policy.</summary>
    [Benchmark]
    public PolicyDecision Hit() => _policy.Evaluate(_hit).Decision;

    /// <summary>A request no statement allows: the worst case for a linear scan.</summary>
    [Benchmark]
    public PolicyDecision Miss() => _policy.Evaluate(_miss).Decision;

    private static PolicyRequest Request(string method, string path) =>
        new(RequestPrincipal.Anonymous, PolicyRequest.InvokeAction, MethodArn.Build(Api, "prod", method, path),
            RequestContext.Create([new("aws:SourceIp", "203.0.113.7")]));
}
