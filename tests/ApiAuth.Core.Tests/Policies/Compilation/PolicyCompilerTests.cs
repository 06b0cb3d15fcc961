using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;
using ApiAuth.Policies.Validation;
using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Compilation;

/// <summary>Parse → validate → compile, and what compilation refuses.</summary>
public sealed class PolicyCompilerTests
{
    private const string Shorthand = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""";

    [Test]
    public void Load_reports_shorthand_without_an_API_as_an_error()
    {
        var result = PolicyCompiler.Load(Shorthand, new PolicyCompileOptions("rp", PolicyKind.Resource));
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.ShorthandOutsideResourcePolicy));
    }

    [Test]
    public void Compile_throws_a_configuration_error_for_shorthand_without_an_API()
    {
        var parsed = PolicyParser.Parse(Shorthand);
        var ex = Assert.Throws<InvalidOperationException>(() => PolicyCompiler.Compile(parsed.Policy!, new PolicyCompileOptions("rp", PolicyKind.Resource)));
        Assert.That(ex!.Message, Does.Contain("PolicyCompileOptions.Api"));
    }

    [Test]
    public void Load_keeps_warnings_of_a_valid_policy()
    {
        var result = PolicyCompiler.Load("""{"Statement": {"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}}""", new PolicyCompileOptions("id", PolicyKind.Identity));
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Findings.Single().Severity, Is.EqualTo(FindingSeverity.Warning));
    }

    [Test]
    public void Load_rejects_placement_errors_from_the_validator() =>
        Assert.That(PolicyCompiler.Load(Shorthand, new PolicyCompileOptions("id", PolicyKind.Identity, Api)).IsValid, Is.False);

    [Test]
    public void Statement_labels_use_the_Sid_or_the_index()
    {
        var policy = Identity("""{"Version": "2012-10-17", "Statement": [{"Sid": "Named", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*"}]}""", "alice");
        Assert.That(policy.Statements.Select(s => s.Label), Is.EqualTo(new[] { "alice:Named", "alice:Statement[1]" }));
    }

    [Test]
    public void Federated_principal_is_accepted_but_matches_no_IAM_caller()
    {
        var policy = Resource("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}}""");
        Assert.That(Decide(policy, Request()), Is.EqualTo(PolicyDecision.ImplicitDeny));
        Assert.That(Decide(policy, Request(principal: "anonymous")), Is.EqualTo(PolicyDecision.ImplicitDeny));
    }
}
