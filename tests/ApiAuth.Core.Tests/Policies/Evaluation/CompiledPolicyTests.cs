using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>Properties of the compiled form: no allocation on the hot path, index agrees with a scan, thread safety.</summary>
public sealed class CompiledPolicyTests
{
    private static readonly CompiledPolicy FiveStatements = Resource("""
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": "*", "Action": "execute-api:*", "Resource": "execute-api:/prod/GET/pets/*"},
          {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/POST/pets"},
          {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*/GET/*"},
          {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*/DELETE/*"},
          {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
           "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}}]}
        """);

    [Test]
    public void Evaluate_allocates_nothing()
    {
        var request = Request(principal: "anonymous", resource: MethodArn("GET", "/pets/7"), context: ("aws:SourceIp", ["203.0.113.9"]));
        Assert.That(FiveStatements.Evaluate(request).Decision, Is.EqualTo(PolicyDecision.Allow));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            FiveStatements.Evaluate(request);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Evaluate_allocates_nothing_on_an_indexed_policy_or_with_policy_variables()
    {
        var statements = string.Join(",", Enumerable.Range(0, 50).Select(i =>
            $$"""{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/items/{{i}}/*"}"""));
        var policy = Resource($$"""
            {"Version": "2012-10-17", "Statement": [{{statements}},
              {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/users/${aws:username}/secret",
               "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "${aws:username}"} } } ] }
            """);
        var request = Request(resource: MethodArn("GET", "/items/42/x"), context: [("aws:username", ["alice"]), ("aws:PrincipalTag/team", ["red"])]);
        Assert.That(policy.Evaluate(request).Decision, Is.EqualTo(PolicyDecision.Allow));
        var secret = Request(resource: MethodArn("GET", "/users/alice/secret"), context: [("aws:username", ["alice"]), ("aws:PrincipalTag/team", ["red"])]);
        Assert.That(policy.Evaluate(secret).Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            policy.Evaluate(request);
            policy.Evaluate(secret);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Indexed_large_policy_decides_like_a_plain_scan()
    {
        var statements = Enumerable.Range(0, 300).Select(i => i % 7 == 0
            ? $$"""{"Sid": "D{{i}}", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/DELETE/items/{{i}}/*"}"""
            : $$"""{"Sid": "A{{i}}", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/{{(i % 2 == 0 ? "GET" : "DELETE")}}/items/{{i}}"}""");
        var policy = Resource($$"""{"Version": "2012-10-17", "Statement": [{{string.Join(",", statements)}}, {"Sid": "Wild", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "arn:aws:execute-api:*:*:*/*/HEAD/*"}]}""");
        foreach (var method in new[] { "GET", "DELETE", "HEAD", "PUT" })
        {
            for (var i = 0; i < 310; i++)
            {
                foreach (var suffix in new[] { "", "/x" })
                {
                    var request = Request(resource: MethodArn(method, $"/items/{i}{suffix}"));
                    Assert.That(policy.Evaluate(request).Decision, Is.EqualTo(policy.Explain(request).Decision), request.Resource);
                }
            }
        }
    }

    [Test]
    public void One_compiled_policy_serves_many_threads()
    {
        var requests = Enumerable.Range(0, 64).Select(i => Request(principal: "anonymous", resource: MethodArn(i % 2 == 0 ? "GET" : "DELETE", $"/pets/{i}"),
            context: ("aws:SourceIp", [i % 3 == 0 ? "198.51.100.1" : "203.0.113.1"]))).ToArray();
        var expected = requests.Select(r => FiveStatements.Explain(r).Decision).ToArray();
        Parallel.For(0, 20_000, i => Assert.That(FiveStatements.Evaluate(requests[i % 64]).Decision, Is.EqualTo(expected[i % 64])));
    }
}
