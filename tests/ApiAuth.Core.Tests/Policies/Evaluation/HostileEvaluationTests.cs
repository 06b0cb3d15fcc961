using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// Pathological patterns evaluated against long inputs finish (no timing asserts: these sizes would hang a
/// backtracking matcher, whose cost for <c>*a*a*...*b</c> grows exponentially with the number of stars).
/// </summary>
public sealed class HostileEvaluationTests
{
    private static readonly string LongPath = "/" + new string('a', 100_000);

    [Test]
    public void Pathological_resource_wildcard_against_a_long_resource_finishes()
    {
        var policy = Statement(resource: "[\"arn:aws:execute-api:*:*:*/*a*a*a*a*a*a*a*a*a*a*a*a*b\", \"arn:aws:execute-api:*:*:*/*a?a?a?a?a*b*\"]");
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", LongPath))), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Pathological_StringLike_against_a_long_multivalued_key_finishes()
    {
        var values = Enumerable.Repeat(new string('a', 20_000), 50).ToArray();
        Assert.That(ConditionHolds("""{"ForAllValues:StringLike": {"aws:UserAgent": ["*a*a*a*a*a*a*a*a*b", "*?*?*?*?*?*?*c"]}}""", Request(context: ("aws:UserAgent", values))), Is.False);
    }

    [Test]
    public void Pathological_wildcard_with_a_variable_against_a_long_resource_finishes()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*a*a*a*a*a*a*${aws:username}*a*a*b\"");
        var request = new PolicyRequest(RequestPrincipal.Parse(Alice), "execute-api:Invoke", MethodArn("GET", LongPath),
            RequestContext.Create([new("aws:username", "a")]));
        Assert.That(Decide(policy, request), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }
}
