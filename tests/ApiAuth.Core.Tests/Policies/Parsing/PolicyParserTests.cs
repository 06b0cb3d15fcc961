using ApiAuth.Policies.Parsing;

namespace ApiAuth.Core.Tests.Policies.Parsing;

/// <summary>
/// Malformed policies are rejected with the JSON path of the fault, never half-evaluated (DESIGN §3). Grammar per
/// AWS "Grammar of the IAM JSON policy language"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
/// </summary>
public sealed class PolicyParserTests
{
    private static PolicyFinding SingleError(string json)
    {
        var result = PolicyParser.Parse(json);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Policy, Is.Null);
        var errors = result.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.That(errors, Has.Count.EqualTo(1), () => string.Join("\n", result.Findings));
        return errors[0];
    }

    private static string Policy(string statement, string version = "\"2012-10-17\"") =>
        $$"""{"Version": {{version}}, "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {{statement}}]}""";

    [Test]
    public void Valid_policy_parses_with_its_elements()
    {
        var result = PolicyParser.Parse("""
            {"Version": "2012-10-17", "Id": "p1", "Statement": {"Sid": "A", "Effect": "Deny", "Principal": {"AWS": ["111122223333"]},
             "NotAction": "s3:*", "Resource": ["execute-api:/*"], "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "::1"]}}}}
            """);
        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Findings));
        var statement = result.Policy!.Statements.Single();
        Assert.That(statement.Sid, Is.EqualTo("A"));
        Assert.That(statement.Effect, Is.EqualTo(PolicyEffect.Deny));
        Assert.That(statement.Action.IsNegated, Is.True);
        Assert.That(statement.Conditions.Single().Path, Is.EqualTo("$.Statement.Condition.IpAddress['aws:SourceIp']"));
        Assert.That(statement.Conditions.Single().Values, Is.EqualTo(new[] { "10.0.0.0/8", "::1" }));
    }

    [Test]
    public void Duplicate_keys_are_rejected()
    {
        var error = SingleError("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Effect": "Deny", "Action": "*", "Resource": "*"}}""");
        Assert.That(error.Code, Is.EqualTo(PolicyFindingCodes.DuplicateKey));
        Assert.That(error.Path, Is.EqualTo("$.Statement.Effect"));
    }

    [Test]
    public void Duplicate_condition_keys_differing_only_in_case_are_rejected_as_ambiguous()
    {
        var error = SingleError(Policy("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8", "aws:sourceip": "0.0.0.0/0"}}}"""));
        Assert.That(error.Code, Is.EqualTo(PolicyFindingCodes.DuplicateKey));
        Assert.That(error.Path, Is.EqualTo("$.Statement[1].Condition.IpAddress['aws:sourceip']"));
    }

    [TestCase("""{"Effect": "Allow", "Action": 5, "Resource": "*"}""", "$.Statement[1].Action", PolicyFindingCodes.WrongType)]
    [TestCase("""{"Effect": "Allow", "Action": ["a:b", 5], "Resource": "*"}""", "$.Statement[1].Action[1]", PolicyFindingCodes.WrongType)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": []}""", "$.Statement[1].Condition", PolicyFindingCodes.WrongType)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Extra": 1}""", "$.Statement[1].Extra", PolicyFindingCodes.UnknownElement)]
    [TestCase("""{"effect": "Allow", "Action": "*", "Resource": "*"}""", "$.Statement[1].effect", PolicyFindingCodes.UnknownElement)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}""", "$.Statement[1]", PolicyFindingCodes.ConflictingElements)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}""", "$.Statement[1]", PolicyFindingCodes.ConflictingElements)]
    [TestCase("""{"Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "*", "Resource": "*"}""", "$.Statement[1]", PolicyFindingCodes.ConflictingElements)]
    [TestCase("""{"Action": "*", "Resource": "*"}""", "$.Statement[1]", PolicyFindingCodes.MissingElement)]
    [TestCase("""{"Effect": "Allow", "Resource": "*"}""", "$.Statement[1]", PolicyFindingCodes.MissingElement)]
    [TestCase("""{"Effect": "Allow", "Action": "*"}""", "$.Statement[1]", PolicyFindingCodes.MissingElement)]
    [TestCase("""{"Effect": "allow", "Action": "*", "Resource": "*"}""", "$.Statement[1].Effect", PolicyFindingCodes.InvalidEffect)]
    [TestCase("""{"Effect": "Allow", "Action": [], "Resource": "*"}""", "$.Statement[1].Action", PolicyFindingCodes.EmptyList)]
    [TestCase("""{"Effect": "Allow", "Action": "Invoke", "Resource": "*"}""", "$.Statement[1].Action", PolicyFindingCodes.InvalidAction)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "pets"}""", "$.Statement[1].Resource", PolicyFindingCodes.InvalidResource)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:execute-api"}""", "$.Statement[1].Resource", PolicyFindingCodes.InvalidResource)]
    [TestCase("""{"Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "*", "Resource": "*"}""", "$.Statement[1].Principal", PolicyFindingCodes.InvalidPrincipal)]
    [TestCase("""{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/*"}, "Action": "*", "Resource": "*"}""", "$.Statement[1].Principal.AWS", PolicyFindingCodes.InvalidPrincipal)]
    [TestCase("""{"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::1111*:root"]}, "Action": "*", "Resource": "*"}""", "$.Statement[1].Principal.AWS[1]", PolicyFindingCodes.InvalidPrincipal)]
    [TestCase("""{"Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "*", "Resource": "*"}""", "$.Statement[1].Principal.AWS", PolicyFindingCodes.InvalidPrincipal)]
    [TestCase("""{"Effect": "Allow", "Principal": {"Users": "x"}, "Action": "*", "Resource": "*"}""", "$.Statement[1].Principal.Users", PolicyFindingCodes.UnknownElement)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqualz": {"a:b": "c"}}}""", "$.Statement[1].Condition.StringEqualz", PolicyFindingCodes.UnknownConditionOperator)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NullIfExists": {"a:b": "true"}}}""", "$.Statement[1].Condition.NullIfExists", PolicyFindingCodes.UnknownConditionOperator)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}}""", "$.Statement[1].Condition.IpAddress['aws:SourceIp']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0"]}}}""", "$.Statement[1].Condition.IpAddress['aws:SourceIp'][1]", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "2001:db8::/129"}}}""", "$.Statement[1].Condition.NotIpAddress['aws:SourceIp']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "tomorrow"}}}""", "$.Statement[1].Condition.DateLessThan['aws:CurrentTime']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"a:b": "NaN"}}}""", "$.Statement[1].Condition.NumericLessThan['a:b']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}""", "$.Statement[1].Condition.Bool['aws:SecureTransport']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"BinaryEquals": {"a:b": "%%%"}}}""", "$.Statement[1].Condition.BinaryEquals['a:b']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "role/x"}}}""", "$.Statement[1].Condition.ArnLike['aws:PrincipalArn']", PolicyFindingCodes.InvalidConditionValue)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a:b": null}}}""", "$.Statement[1].Condition.StringEquals['a:b']", PolicyFindingCodes.WrongType)]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"a:b": []}}}""", "$.Statement[1].Condition.StringEquals['a:b']", PolicyFindingCodes.EmptyList)]
    [TestCase("""{"Sid": "Dup", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "Dup", "Effect": "Allow", "Action": "*", "Resource": "*"}""", "$.Statement[2].Sid", PolicyFindingCodes.DuplicateSid)]
    public void Malformed_statement_is_rejected_with_the_path_of_the_fault(string statement, string path, string code)
    {
        var error = SingleError(Policy(statement));
        Assert.That((error.Path, error.Code), Is.EqualTo((path, code)), error.Message);
    }

    [TestCase("""{"Version": "2012-10-17", "Statement": [], "Other": 1}""", PolicyFindingCodes.UnknownElement, "$.Other")]
    [TestCase("""{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""", PolicyFindingCodes.InvalidVersion, "$.Version")]
    [TestCase("""{"Version": "2012-10-17"}""", PolicyFindingCodes.MissingElement, "$")]
    [TestCase("""{"Version": "2012-10-17", "Statement": "Allow"}""", PolicyFindingCodes.WrongType, "$.Statement")]
    [TestCase("""[]""", PolicyFindingCodes.WrongType, "$")]
    [TestCase("""{"Version": "2012-10-17", "Statement": {}""", PolicyFindingCodes.MalformedJson, "$")]
    [TestCase("""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*",}]}""", PolicyFindingCodes.MalformedJson, "$")]
    public void Malformed_document_is_rejected(string json, string code, string path)
    {
        var result = PolicyParser.Parse(json);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Any(f => f.Code == code && f.Path == path), Is.True, () => string.Join("\n", result.Findings));
    }

    [Test]
    public void Policy_variables_are_rejected_under_version_2008_10_17()
    {
        var error = SingleError(Policy("""{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:execute-api:*:*:*/users/${aws:username}"}""", "\"2008-10-17\""));
        Assert.That((error.Path, error.Code), Is.EqualTo(("$.Statement[1].Resource", PolicyFindingCodes.InvalidPolicyVariable)));
    }

    [Test]
    public void Policy_variables_are_rejected_without_a_version_which_means_2008_10_17()
    {
        var result = PolicyParser.Parse("""{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username}"}}""");
        Assert.That(result.Findings.Select(f => f.Code), Is.EquivalentTo(new[] { PolicyFindingCodes.InvalidPolicyVariable, PolicyFindingCodes.MissingVersion }));
    }

    [TestCase("""{"Effect": "Allow", "Action": "execute-api:${aws:username}", "Resource": "*"}""", "$.Statement[1].Action")]
    [TestCase("""{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/${aws:username}"}, "Action": "*", "Resource": "*"}""", "$.Statement[1].Principal.AWS")]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericEquals": {"a:b": "${a:c}"}}}""", "$.Statement[1].Condition.NumericEquals['a:b']")]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "${a:c}"}}}""", "$.Statement[1].Condition.IpAddress['aws:SourceIp']")]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"${a:c}": "x"}}}""", "$.Statement[1].Condition.StringEquals['${a:c}']")]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username"}""", "$.Statement[1].Resource")]
    [TestCase("""{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username, nobody}"}""", "$.Statement[1].Resource")]
    public void Policy_variables_are_rejected_outside_resources_and_string_or_ARN_conditions_or_when_malformed(string statement, string path)
    {
        var error = SingleError(Policy(statement));
        Assert.That(error.Path, Is.EqualTo(path));
        Assert.That(error.Code, Is.AnyOf(PolicyFindingCodes.InvalidPolicyVariable, PolicyFindingCodes.InvalidConditionValue));
    }

    [Test]
    public void Condition_values_may_be_numbers_and_booleans()
    {
        var result = PolicyParser.Parse(Policy("""{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"a:b": 3600}, "Bool": {"aws:SecureTransport": true}}}"""));
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Policy!.Statements[1].Conditions.SelectMany(c => c.Values), Is.EqualTo(new[] { "3600", "true" }));
    }

    [Test]
    public void Every_error_in_a_policy_is_reported_not_just_the_first()
    {
        var result = PolicyParser.Parse("""{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Action": "x", "Resource": "*"}]}""");
        Assert.That(result.Findings.Select(f => f.Path), Is.EquivalentTo(new[] { "$.Statement[0].Effect", "$.Statement[1].Action" }));
    }
}
