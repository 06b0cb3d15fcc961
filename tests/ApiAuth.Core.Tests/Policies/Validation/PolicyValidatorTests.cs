using ApiAuth.Policies.Parsing;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Core.Tests.Policies.Validation;

/// <summary>Placement errors and warnings for legal but suspicious policies.</summary>
public sealed class PolicyValidatorTests
{
    private static IReadOnlyList<PolicyFinding> Validate(string statement, PolicyKind? kind)
    {
        var parsed = PolicyParser.Parse($$"""{"Version": "2012-10-17", "Statement": [{{statement}}]}""");
        Assert.That(parsed.IsValid, Is.True, () => string.Join("\n", parsed.Findings));
        return PolicyValidator.Validate(parsed.Policy!, kind);
    }

    [Test]
    public void Clean_resource_policy_has_no_findings() =>
        Assert.That(Validate("""{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}""", PolicyKind.Resource), Is.Empty);

    [Test]
    public void NotPrincipal_with_Allow_is_a_warning()
    {
        var finding = Validate("""{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "execute-api:Invoke", "Resource": "*"}""", PolicyKind.Resource).Single();
        Assert.That((finding.Severity, finding.Code, finding.Path), Is.EqualTo((FindingSeverity.Warning, PolicyFindingCodes.NotPrincipalWithAllow, "$.Statement[0].NotPrincipal")));
    }

    [TestCase("""{"Effect": "Deny", "Principal": "*", "NotAction": "*", "Resource": "*"}""", "$.Statement[0].NotAction")]
    [TestCase("""{"Effect": "Deny", "Principal": "*", "Action": "*", "NotResource": ["*"]}""", "$.Statement[0].NotResource")]
    [TestCase("""{"Effect": "Deny", "NotPrincipal": "*", "Action": "*", "Resource": "*"}""", "$.Statement[0].NotPrincipal")]
    [TestCase("""{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}""", "$.Statement[0].Action")]
    [TestCase("""{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"Null": {"a:b": ["true", "false"]}}}""", "$.Statement[0].Condition.Null['a:b']")]
    public void Statements_that_can_never_match_or_have_no_effect_are_warnings(string statement, string path)
    {
        var finding = Validate(statement, PolicyKind.Resource).Single();
        Assert.That((finding.Severity, finding.Code, finding.Path), Is.EqualTo((FindingSeverity.Warning, PolicyFindingCodes.UnreachableStatement, path)));
    }

    [Test]
    public void Principal_in_an_identity_policy_is_an_error()
    {
        var finding = Validate("""{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}""", PolicyKind.Identity).Single();
        Assert.That((finding.Severity, finding.Code), Is.EqualTo((FindingSeverity.Error, PolicyFindingCodes.PrincipalPlacement)));
    }

    [Test]
    public void Resource_policy_statement_without_a_principal_is_an_error() =>
        Assert.That(Validate("""{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}""", PolicyKind.Resource).Single().Code,
            Is.EqualTo(PolicyFindingCodes.PrincipalPlacement));

    [Test]
    public void Shorthand_in_an_identity_policy_is_an_error() =>
        Assert.That(Validate("""{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}""", PolicyKind.Identity).Single().Code,
            Is.EqualTo(PolicyFindingCodes.ShorthandOutsideResourcePolicy));

    [Test]
    public void Missing_version_is_a_warning_from_the_parser()
    {
        var parsed = PolicyParser.Parse("""{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
        Assert.That(parsed.IsValid, Is.True);
        Assert.That(parsed.Policy!.Version, Is.EqualTo(PolicyVersion.V20081017));
        Assert.That(parsed.Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.MissingVersion));
    }
}
