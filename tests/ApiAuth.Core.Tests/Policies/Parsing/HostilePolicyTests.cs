using ApiAuth.Policies.Parsing;

namespace ApiAuth.Core.Tests.Policies.Parsing;

/// <summary>Hostile input is rejected by bounded checks before it can cost much (DESIGN §6, issue Must-show 5).</summary>
public sealed class HostilePolicyTests
{
    [Test]
    public void Deep_nesting_is_rejected_as_malformed()
    {
        var json = """{"Version": "2012-10-17", "Statement": """ + new string('[', 10_000) + new string(']', 10_000) + "}";
        var result = PolicyParser.Parse(json);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.MalformedJson));
    }

    [Test]
    public void Policy_larger_than_the_byte_limit_is_rejected_before_parsing()
    {
        var json = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::""" + new string('a', 1024 * 1024) + "\"}}";
        var result = PolicyParser.Parse(json);
        Assert.That(result.Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.LimitExceeded));
    }

    [Test]
    public void One_megabyte_string_is_rejected_even_when_the_byte_limit_is_raised()
    {
        var options = new PolicyParserOptions { MaxPolicyBytes = 4 * 1024 * 1024 };
        var json = """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::""" + new string('a', 1024 * 1024) + "\"}}";
        var result = PolicyParser.Parse(json, options);
        var error = result.Findings.Single();
        Assert.That((error.Code, error.Path), Is.EqualTo((PolicyFindingCodes.LimitExceeded, "$.Statement.Resource")));
    }

    [Test]
    public void Huge_arrays_are_rejected()
    {
        var values = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"10.0.{i / 256 % 256}.{i % 256}\""));
        var json = $$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": [{{values}}]} } } }""";
        var error = PolicyParser.Parse(json).Findings.Single();
        Assert.That((error.Code, error.Path), Is.EqualTo((PolicyFindingCodes.LimitExceeded, "$.Statement.Condition.IpAddress['aws:SourceIp']")));
    }

    [Test]
    public void Objects_with_too_many_keys_are_rejected()
    {
        var keys = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"k:{i}\": \"v\""));
        var json = $$$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {{{{keys}}}} } } }""";
        Assert.That(PolicyParser.Parse(json).Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.LimitExceeded));
    }

    [Test]
    public void Object_keys_longer_than_the_string_limit_are_rejected()
    {
        var key = new string('k', 2049);
        var json = $$"""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"{{key}}": "v"} } } }""";
        Assert.That(PolicyParser.Parse(json).Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.LimitExceeded));
    }

    [Test]
    public void Too_many_statements_are_rejected()
    {
        var statements = string.Join(",", Enumerable.Repeat("""{"Effect": "Allow", "Action": "*", "Resource": "*"}""", 20));
        var result = PolicyParser.Parse($$"""{"Version": "2012-10-17", "Statement": [{{statements}}]}""", new PolicyParserOptions { MaxStatements = 10 });
        Assert.That(result.Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.LimitExceeded));
    }

    [Test]
    public void Invalid_UTF8_is_rejected_as_malformed()
    {
        byte[] bytes = [.. "{\"Version\": \""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.That(PolicyParser.Parse(bytes).Findings.Single().Code, Is.EqualTo(PolicyFindingCodes.MalformedJson));
    }
}
