using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Simulation;

namespace ApiAuth.Core.Tests.Policies.Simulation;

/// <summary>The one-line test API for applications' own test suites.</summary>
public sealed class PolicySimulatorTests
{
    private const string Alice = "arn:aws:iam::123456789012:user/alice";
    private static readonly RestApiReference Api = new("us-east-1", "123456789012", "a1b2c3d4e5");

    private const string OfficeOnly = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/pets/*"},
          {"Sid": "OfficeOnly", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
           "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}
        """;

    private static readonly PolicySimulator Simulator = new PolicySimulator(Api, "prod", OfficeOnly)
        .WithIdentityPolicies(Alice, """{"Version": "2012-10-17", "Statement": {"Sid": "Writes", "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/prod/POST/pets"}}""");

    [Test]
    public void Anonymous_caller_from_the_office_may_read_a_pet()
    {
        var result = Simulator.Check("anonymous", "GET", "/pets/1", sourceIp: "203.0.113.7");
        Assert.That(result.IsAllowed, Is.True, result.Explanation);
        Assert.That(result.MethodArn, Is.EqualTo("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets/1"));
    }

    [Test]
    public void Anonymous_caller_outside_the_office_is_denied_and_the_explanation_says_why()
    {
        var result = Simulator.Check("anonymous", "GET", "/pets/1", sourceIp: "198.51.100.1");
        Assert.That(result.IsAllowed, Is.False);
        Assert.That(result.Decision.Message, Does.EndWith("with an explicit deny"));
        Assert.That(result.Explanation, Does.Contain("GET /pets/1 by anonymous from 198.51.100.1 (NONE)")
            .And.Contain("resourcePolicy:OfficeOnly (Deny): applies"));
    }

    [Test]
    public void IAM_caller_uses_identity_policies_and_the_resource_policy()
    {
        Assert.That(Simulator.Check(Alice, "POST", "/pets", sourceIp: "203.0.113.7").IsAllowed, Is.True);
        var denied = Simulator.Check(Alice, "DELETE", "/pets/1", sourceIp: "203.0.113.7");
        Assert.That(denied.IsAllowed, Is.False);
        Assert.That(denied.Explanation, Does.Contain("alice/policy0:Writes (Allow): does not apply: Resource does not cover"));
    }

    [Test]
    public void Cognito_method_judges_the_caller_as_anonymous() =>
        Assert.That(Simulator.Check(Alice, "POST", "/pets", sourceIp: "203.0.113.7", authorizationType: AuthorizationType.CognitoUserPools).IsAllowed, Is.False);

    [Test]
    public void Lambda_authorizer_policy_is_combined_with_the_resource_policy()
    {
        const string allowPets = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:*:*:*/prod/*/pets*"}}""";
        Assert.That(Simulator.CheckWithAuthorizer(allowPets, "POST", "/pets", sourceIp: "203.0.113.7").IsAllowed, Is.True);
        var outside = Simulator.CheckWithAuthorizer(allowPets, "POST", "/pets", sourceIp: "198.51.100.1");
        Assert.That(outside.Decision.Message, Does.StartWith("User: anonymous is not authorized").And.EndWith("with an explicit deny"));
        var silent = Simulator.CheckWithAuthorizer(allowPets, "POST", "/toys", sourceIp: "203.0.113.7");
        Assert.That(silent.Decision.Message, Is.EqualTo("User is not authorized to access this resource"));
        Assert.That(silent.Explanation, Does.Contain("authorizerPolicy: ImplicitDeny"));
    }

    [Test]
    public void Invalid_policy_is_a_test_mistake_and_throws_with_its_findings()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new PolicySimulator(Api, "prod", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow"}}"""));
        Assert.That(ex!.Message, Does.Contain("$.Statement"));
    }
}
