using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// DESIGN §3 "IAM policies", one test per rule. AWS reference: "Policy evaluation logic" and "IAM JSON policy element
/// reference" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html).
/// </summary>
public sealed class IamPolicyRulesTests
{
    [Test]
    public void ExplicitDeny_overrides_allow_in_the_same_policy()
    {
        var policy = Identity("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
              {"Sid": "NoPets", "Effect": "Deny", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/*/GET/pets"}]}
            """);
        var evaluation = policy.Evaluate(Request());
        Assert.That(evaluation.Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(evaluation.Statement!.Label, Is.EqualTo("identity:NoPets"));
    }

    [Test]
    public void Allow_when_a_statement_allows_and_none_denies()
    {
        var evaluation = Statement().Evaluate(Request());
        Assert.That(evaluation.Decision, Is.EqualTo(PolicyDecision.Allow));
        Assert.That(evaluation.Statement!.Label, Is.EqualTo("identity:Statement[0]"));
    }

    [Test]
    public void ImplicitDeny_when_no_statement_applies()
    {
        var evaluation = Statement(action: "\"s3:GetObject\"").Evaluate(Request());
        Assert.That(evaluation.Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(evaluation.Statement, Is.Null);
    }

    [Test]
    public void Default_decision_is_ImplicitDeny_so_it_fails_closed() =>
        Assert.That(default(PolicyEvaluation).Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));

    [Test]
    public void Statement_may_be_a_single_object_or_an_array()
    {
        var single = Identity("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
        var array = Identity("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""");
        Assert.That(Decide(single, Request()), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(array, Request()), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void NotAction_applies_to_every_action_not_listed()
    {
        var notAction = Identity("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}}""");
        Assert.That(Decide(notAction, Request()), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(notAction, Request(action: "s3:GetObject")), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void NotResource_applies_to_every_resource_not_listed()
    {
        var policy = Identity($$"""{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "NotResource": "{{MethodArn("GET", "/public")}}"} }""");
        Assert.That(Decide(policy, Request()), Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", "/public"))), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Actions_compare_case_insensitively()
    {
        var policy = Statement(action: "\"EXECUTE-API:invoke\"");
        Assert.That(Decide(policy, Request(action: "execute-api:Invoke")), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Resources_compare_case_sensitively()
    {
        var policy = Statement(resource: $"\"{MethodArn("GET", "/Pets")}\"");
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", "/Pets"))), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", "/pets"))), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Star_matches_any_run_of_characters_across_slashes()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*\"");
        Assert.That(Decide(policy, Request(resource: MethodArn("DELETE", "/pets/1/toys/2"))), Is.EqualTo(PolicyDecision.Allow));
    }

    [Test]
    public void Question_mark_matches_exactly_one_character()
    {
        var policy = Statement(resource: "\"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets/?\"");
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", "/pets/7"))), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", "/pets/42"))), Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Decide(policy, Request(resource: MethodArn("GET", "/pets/"))), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Condition_operators_AND_together()
    {
        const string condition = """{"StringEquals": {"aws:UserAgent": "curl"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}""";
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "curl"), ("aws:SourceIp", "10.1.2.3"))), Is.True);
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "curl"), ("aws:SourceIp", "192.0.2.1"))), Is.False);
    }

    [Test]
    public void Condition_keys_under_one_operator_AND_together()
    {
        const string condition = """{"StringEquals": {"aws:UserAgent": "curl", "aws:Referer": "https://example.com"}}""";
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "curl"), ("aws:Referer", "https://example.com"))), Is.True);
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "curl"))), Is.False);
    }

    [Test]
    public void Values_of_one_key_OR_together()
    {
        const string condition = """{"StringEquals": {"aws:UserAgent": ["curl", "wget"]}}""";
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "wget"))), Is.True);
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "httpie"))), Is.False);
    }

    [Test]
    public void Negated_operator_requires_the_request_value_to_match_none_of_the_values()
    {
        const string condition = """{"StringNotEquals": {"aws:UserAgent": ["curl", "wget"]}}""";
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "httpie"))), Is.True);
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "wget"))), Is.False);
    }

    [Test]
    public void Condition_key_names_compare_case_insensitively() =>
        Assert.That(ConditionHolds("""{"StringEquals": {"AWS:USERAGENT": "curl"}}""", WithContext(("aws:useragent", "curl"))), Is.True);

    [Test]
    public void Missing_key_makes_a_positive_condition_false() =>
        Assert.That(ConditionHolds("""{"StringEquals": {"aws:UserAgent": "curl"}}""", WithContext()), Is.False);

    [Test]
    public void Missing_key_makes_a_negated_condition_true() =>
        Assert.That(ConditionHolds("""{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}""", WithContext()), Is.True);

    [Test]
    public void Missing_key_makes_an_IfExists_condition_true()
    {
        const string condition = """{"StringEqualsIfExists": {"aws:UserAgent": "curl"}}""";
        Assert.That(ConditionHolds(condition, WithContext()), Is.True);
        Assert.That(ConditionHolds(condition, WithContext(("aws:UserAgent", "wget"))), Is.False);
    }

    [Test]
    public void Null_condition_tests_key_absence()
    {
        Assert.That(ConditionHolds("""{"Null": {"aws:SourceVpce": "true"}}""", WithContext()), Is.True);
        Assert.That(ConditionHolds("""{"Null": {"aws:SourceVpce": "true"}}""", WithContext(("aws:SourceVpce", "vpce-1"))), Is.False);
        Assert.That(ConditionHolds("""{"Null": {"aws:SourceVpce": false}}""", WithContext(("aws:SourceVpce", "vpce-1"))), Is.True);
        Assert.That(ConditionHolds("""{"Null": {"aws:SourceVpce": "false"}}""", WithContext()), Is.False);
    }

    [Test]
    public void ForAllValues_is_true_on_an_absent_or_empty_key()
    {
        const string condition = """{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}""";
        Assert.That(ConditionHolds(condition, Request()), Is.True);
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", []))), Is.True);
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", ["a", "b"]))), Is.True);
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", ["a", "c"]))), Is.False);
    }

    [Test]
    public void ForAnyValue_is_false_on_an_absent_key()
    {
        const string condition = """{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}""";
        Assert.That(ConditionHolds(condition, Request()), Is.False);
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", ["c", "b"]))), Is.True);
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", ["c", "d"]))), Is.False);
    }

    [Test]
    public void ForAllValues_with_a_negated_operator_requires_every_value_to_match_none()
    {
        const string condition = """{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["secret"]}}""";
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", ["a", "b"]))), Is.True);
        Assert.That(ConditionHolds(condition, Request(context: ("aws:TagKeys", ["a", "secret"]))), Is.False);
    }

    [Test]
    public void Multivalued_key_without_a_set_prefix_matches_when_any_value_matches() =>
        Assert.That(ConditionHolds("""{"StringEquals": {"aws:TagKeys": "b"}}""", Request(context: ("aws:TagKeys", ["a", "b"]))), Is.True);

    [Test]
    public void Resource_policy_shorthand_expands_to_the_APIs_full_ARN()
    {
        var policy = Resource("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/pets"}}""");
        Assert.That(Decide(policy, Request(resource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets")), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, Request(resource: "arn:aws:execute-api:us-east-1:123456789012:otherapi/prod/GET/pets")), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Explain_says_why_each_statement_did_not_apply()
    {
        var policy = Identity("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "S3", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
              {"Sid": "Office", "Effect": "Allow", "Action": "execute-api:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}
            """);
        var explanation = policy.Explain(WithContext(("aws:SourceIp", "192.0.2.1")));
        Assert.That(explanation.Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(explanation.Outcomes[0].Reason, Does.Contain("Action does not cover 'execute-api:Invoke'"));
        Assert.That(explanation.Outcomes[1].Reason, Does.Contain("IpAddress aws:SourceIp").And.Contain("192.0.2.1"));
    }
}
