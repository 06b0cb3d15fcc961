using ApiAuth.Cli.Simulation;

namespace ApiAuth.Cli.Tests.Simulation;

/// <summary>The <c>apiauth simulate</c> case format and output (DESIGN §4).</summary>
public sealed class SimulationRunnerTests
{
    private const string Resource = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/pets";
    private const string ResourcePolicy = """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "All", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
          {"Sid": "BadIps", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
           "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]}
        """;

    private static string Case(string name, string principal, string? ip = null, string identity = "[]", string resourcePolicy = ResourcePolicy) =>
        $$"""{"name": "{{name}}", "identityPolicies": {{identity}}, "resourcePolicy": {{resourcePolicy.ReplaceLineEndings(" ")}}, "principal": "{{principal}}", "action": "execute-api:Invoke", "resource": "{{Resource}}", "context": {{(ip is null ? "{}" : $"{{\"aws:SourceIp\": \"{ip}\"}}")}}}""";

    [Test]
    public void Array_of_cases_gives_one_line_per_case_in_order()
    {
        var run = SimulationRunner.Run("[" + Case("ok", "anonymous", "203.0.113.1") + "," + Case("blocked", "anonymous", "192.0.2.9") + "]");
        Assert.That(run.UnusableReason, Is.Null);
        Assert.That(run.HasErrors, Is.False);
        Assert.That(run.Lines, Is.EqualTo(new[]
        {
            """{"name":"ok","decision":"Allow","statements":["resourcePolicy:All"]}""",
            """{"name":"blocked","decision":"ExplicitDeny","statements":["resourcePolicy:BadIps"]}""",
        }));
    }

    [Test]
    public void One_case_per_line_is_accepted()
    {
        var run = SimulationRunner.Run(Case("a", "anonymous", "203.0.113.1") + "\n\n" + Case("b", "anonymous", "192.0.2.9") + "\n");
        Assert.That(run.Lines.Select(l => l.Split(",")[0]), Is.EqualTo(new[] { "{\"name\":\"a\"", "{\"name\":\"b\"" }));
    }

    [Test]
    public void Principal_keys_are_derived_from_the_principal()
    {
        const string userOnly = """
            {"Version": "2012-10-17", "Statement": {"Sid": "OnlyAlice", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
             "Condition": {"StringEquals": {"aws:username": "alice", "aws:PrincipalType": "User", "aws:PrincipalAccount": "123456789012"}}}}
            """;
        var run = SimulationRunner.Run(Case("alice", "arn:aws:iam::123456789012:user/alice", resourcePolicy: userOnly) + "\n"
            + Case("bob", "arn:aws:iam::123456789012:user/bob", resourcePolicy: userOnly));
        Assert.That(run.Lines, Is.EqualTo(new[]
        {
            """{"name":"alice","decision":"Allow","statements":["resourcePolicy:OnlyAlice"]}""",
            """{"name":"bob","decision":"ImplicitDeny","statements":[]}""",
        }));
    }

    [Test]
    public void Cross_account_caller_needs_an_identity_allow_too()
    {
        const string identity = """[{"Version": "2012-10-17", "Statement": {"Sid": "Invoke", "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}]""";
        var run = SimulationRunner.Run(Case("no-identity", "arn:aws:iam::111122223333:user/bob", "203.0.113.1") + "\n"
            + Case("with-identity", "arn:aws:iam::111122223333:user/bob", "203.0.113.1", identity));
        Assert.That(run.Lines[0], Does.Contain("\"decision\":\"ImplicitDeny\""));
        Assert.That(run.Lines[1], Is.EqualTo("""{"name":"with-identity","decision":"Allow","statements":["identityPolicies[0]:Invoke","resourcePolicy:All"]}"""));
    }

    [Test]
    public void Invalid_policy_gives_an_Error_line_with_the_path_and_later_cases_still_run()
    {
        var run = SimulationRunner.Run(Case("bad", "anonymous", resourcePolicy: """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Effect": "Deny"}}""")
            + "\n" + Case("good", "anonymous", "203.0.113.1"));
        Assert.That(run.HasErrors, Is.True);
        Assert.That(run.Lines[0], Does.StartWith("""{"name":"bad","decision":"Error","message":"resourcePolicy is invalid: $.Statement.Effect"""));
        Assert.That(run.Lines[1], Does.Contain("\"decision\":\"Allow\""));
    }

    [TestCase("""{"name": "x", "resource": "arn:aws:execute-api:us-east-1:123456789012:a/prod/GET/"}""", "no principal")]
    [TestCase("""{"name": "x", "principal": "alice", "resource": "r"}""", "principal 'alice' is not")]
    [TestCase("""{"name": "x", "principal": "anonymous", "resource": "r", "extra": 1}""", "unknown case key 'extra'")]
    [TestCase("""{"name": "x", "principal": "anonymous", "resource": "r", "context": {"a": 1}}""", "must be a string or an array")]
    [TestCase("""not json""", "line 1 is not JSON")]
    [TestCase("""{"name": "x", "principal": "anonymous", "resource": ""}""", "resource must not be empty")]
    [TestCase("""{"name": "x", "principal": "anonymous", "resource": "r", "action": ""}""", "action must not be empty")]
    [TestCase("""{"name": "x", "principal": "anonymous", "resource": "r", "context": {"": "v"}}""", "context key must not be empty")]
    [TestCase("""{"name": "x", "principal": "anonymous", "principal": "arn:aws:iam::123456789012:user/alice", "resource": "r"}""", "case key 'principal' appears twice")]
    [TestCase("""{"name": "x", "principal": "anonymous", "resource": "r", "context": {"aws:SourceIp": "1.2.3.4", "AWS:SOURCEIP": "10.0.0.1"}}""", "appears twice")]
    public void Malformed_case_gives_an_Error_line(string line, string message)
    {
        var run = SimulationRunner.Run(line);
        Assert.That(run.Lines.Single(), Does.Contain("\"decision\":\"Error\"").And.Contain(message));
    }

    [Test]
    public void Malformed_array_is_unusable_input() =>
        Assert.That(SimulationRunner.Run("[{\"name\": ").UnusableReason, Does.StartWith("The cases are not a valid JSON array"));
}
