using ApiAuth.Policies.Evaluation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// Principal and NotPrincipal, per AWS "AWS JSON policy elements: Principal"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
/// </summary>
public sealed class PrincipalMatchingTests
{
    private static PolicyDecision ResourcePolicyWith(string principalJson, string caller, string element = "Principal") =>
        Decide(Resource($$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "{{element}}": {{principalJson}}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"} }"""),
            Request(principal: caller));

    [TestCase("anonymous")]
    [TestCase("arn:aws:iam::111122223333:user/bob")]
    public void Star_principal_matches_everyone_including_anonymous(string caller) =>
        Assert.That(ResourcePolicyWith("\"*\"", caller), Is.EqualTo(PolicyDecision.Allow));

    [Test]
    public void AWS_star_principal_matches_everyone() =>
        Assert.That(ResourcePolicyWith("""{"AWS": "*"}""", "anonymous"), Is.EqualTo(PolicyDecision.Allow));

    [TestCase("""{"AWS": "111122223333"}""")]
    [TestCase("""{"AWS": "arn:aws:iam::111122223333:root"}""")]
    public void Account_principal_matches_every_principal_of_that_account(string principal)
    {
        Assert.That(ResourcePolicyWith(principal, "arn:aws:iam::111122223333:user/bob"), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(ResourcePolicyWith(principal, "arn:aws:sts::111122223333:assumed-role/dev/session"), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(ResourcePolicyWith(principal, "arn:aws:iam::444455556666:user/bob"), Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(ResourcePolicyWith(principal, "anonymous"), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void User_principal_matches_exactly_that_user()
    {
        const string principal = """{"AWS": ["arn:aws:iam::111122223333:user/bob"]}""";
        Assert.That(ResourcePolicyWith(principal, "arn:aws:iam::111122223333:user/bob"), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(ResourcePolicyWith(principal, "arn:aws:iam::111122223333:user/bobby"), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Role_principal_also_matches_its_sessions()
    {
        const string principal = """{"AWS": "arn:aws:iam::111122223333:role/team/developer"}""";
        Assert.That(ResourcePolicyWith(principal, "arn:aws:sts::111122223333:assumed-role/developer/alice-session"), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(ResourcePolicyWith(principal, "arn:aws:sts::111122223333:assumed-role/admin/alice-session"), Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(ResourcePolicyWith(principal, "arn:aws:sts::444455556666:assumed-role/developer/alice-session"), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Service_principal_matches_the_service() =>
        Assert.That(ResourcePolicyWith("""{"Service": "lambda.amazonaws.com"}""", "lambda.amazonaws.com"), Is.EqualTo(PolicyDecision.Allow));

    [Test]
    public void NotPrincipal_applies_to_everyone_not_listed()
    {
        var policy = Resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*/DELETE/*"}]}
            """);
        Assert.That(Decide(policy, Request(resource: MethodArn("DELETE", "/pets/1"))), Is.EqualTo(PolicyDecision.Allow));
        Assert.That(Decide(policy, Request(principal: "arn:aws:iam::123456789012:user/bob", resource: MethodArn("DELETE", "/pets/1"))), Is.EqualTo(PolicyDecision.ExplicitDeny));
        Assert.That(Decide(policy, Request(principal: "anonymous", resource: MethodArn("DELETE", "/pets/1"))), Is.EqualTo(PolicyDecision.ExplicitDeny));
    }

    [Test]
    public void Derived_context_keys_follow_AWS_principal_key_table()
    {
        var user = RequestPrincipal.Parse("arn:aws:iam::123456789012:user/division/alice").DerivedContextKeys().ToDictionary();
        Assert.That(user["aws:username"], Is.EqualTo("alice"));
        Assert.That(user["aws:PrincipalType"], Is.EqualTo("User"));
        Assert.That(user["aws:PrincipalAccount"], Is.EqualTo("123456789012"));
        var session = RequestPrincipal.Parse("arn:aws:sts::123456789012:assumed-role/dev/s1").DerivedContextKeys().ToDictionary();
        Assert.That(session["aws:PrincipalArn"], Is.EqualTo("arn:aws:iam::123456789012:role/dev"));
        Assert.That(session["aws:PrincipalType"], Is.EqualTo("AssumedRole"));
        Assert.That(session.ContainsKey("aws:username"), Is.False);
        var anonymous = RequestPrincipal.Anonymous.DerivedContextKeys().ToDictionary();
        Assert.That(anonymous["aws:userid"], Is.EqualTo("anonymous"));
    }
}
