using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// Policy variables, per AWS "IAM policy elements: Variables and tags"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
/// </summary>
public sealed class PolicyVariableTests
{
    private static PolicyRequest AliceCalling(string path, params (string Key, string Value)[] extra)
    {
        var principal = RequestPrincipal.Parse(Alice);
        var context = principal.DerivedContextKeys().Concat(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return new PolicyRequest(principal, "execute-api:Invoke", MethodArn("GET", path), RequestContext.Create(context));
    }

    [Test]
    public void Username_variable_in_a_resource_resolves_to_the_callers_name()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/users/${aws:username}/*\"");
        Assert.That(Decide(policy, AliceCalling("/users/alice/orders")), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, AliceCalling("/users/bob/orders")), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void PrincipalTag_variable_resolves_from_the_tag_key()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/teams/${aws:PrincipalTag/team}\"");
        Assert.That(Decide(policy, AliceCalling("/teams/red", ("aws:PrincipalTag/team", "red"))), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, AliceCalling("/teams/blue", ("aws:PrincipalTag/team", "red"))), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Unresolved_variable_never_matches()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/teams/${aws:PrincipalTag/team}\"");
        Assert.That(Decide(policy, AliceCalling("/teams/")), Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Decide(policy, AliceCalling("/teams/${aws:PrincipalTag/team}")), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Variable_default_applies_when_the_key_is_absent()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/teams/${aws:PrincipalTag/team, 'public'}\"");
        Assert.That(Decide(policy, AliceCalling("/teams/public")), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, AliceCalling("/teams/red", ("aws:PrincipalTag/team", "red"))), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Special_variables_stand_for_literal_star_question_mark_and_dollar()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/odd/${*}${?}${$}\"");
        Assert.That(Decide(policy, AliceCalling("/odd/*?$")), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, AliceCalling("/odd/ab$")), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Substituted_values_are_literal_even_when_they_contain_wildcards()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/teams/${aws:PrincipalTag/team}\"");
        Assert.That(Decide(policy, AliceCalling("/teams/red", ("aws:PrincipalTag/team", "*"))), Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Decide(policy, AliceCalling("/teams/*", ("aws:PrincipalTag/team", "*"))), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Variables_work_in_string_conditions() =>
        Assert.That(ConditionHolds("""{"StringEquals": {"test:Owner": "${aws:username}"}}""",
            new PolicyRequest(RequestPrincipal.Parse(Alice), "execute-api:Invoke", MethodArn(),
                RequestContext.Create([new("aws:username", "alice"), new("test:Owner", "alice")]))), Is.True);

    [Test]
    public void Variables_work_in_ARN_conditions_even_though_key_names_contain_colons() =>
        Assert.That(ConditionHolds("""{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:user/*"}}""",
            AliceCalling("/pets")), Is.True);

    [Test]
    public void Multivalued_key_does_not_resolve_as_a_variable()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:*:*:*/*/GET/tags/${test:Tags}\"");
        var request = new PolicyRequest(RequestPrincipal.Parse(Alice), "execute-api:Invoke", MethodArn("GET", "/tags/a"),
            RequestContext.CreateMultiValued([new("test:Tags", ["a", "b"])]));
        Assert.That(Decide(policy, request), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }
}
