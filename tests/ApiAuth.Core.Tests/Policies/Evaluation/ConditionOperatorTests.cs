using static ApiAuth.Core.Tests.Policies.TestPolicies;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// Every condition operator of DESIGN §3, per AWS "IAM JSON policy elements: Condition operators"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
/// Each case: operator, policy value(s) as JSON, request value, expected truth.
/// </summary>
public sealed class ConditionOperatorTests
{
    [TestCase("StringEquals", "\"Pets\"", "Pets", true)]
    [TestCase("StringEquals", "\"Pets\"", "pets", false)]
    [TestCase("StringNotEquals", "\"Pets\"", "pets", true)]
    [TestCase("StringNotEquals", "\"Pets\"", "Pets", false)]
    [TestCase("StringEqualsIgnoreCase", "\"Pets\"", "pETS", true)]
    [TestCase("StringNotEqualsIgnoreCase", "\"Pets\"", "pETS", false)]
    [TestCase("StringNotEqualsIgnoreCase", "\"Pets\"", "Toys", true)]
    [TestCase("StringLike", "\"Mozilla/*\"", "Mozilla/5.0 (X11)", true)]
    [TestCase("StringLike", "\"Mozilla/?.0\"", "Mozilla/5.0", true)]
    [TestCase("StringLike", "\"mozilla/*\"", "Mozilla/5.0", false)]
    [TestCase("StringNotLike", "\"Mozilla/*\"", "curl/8.0", true)]
    [TestCase("StringNotLike", "\"Mozilla/*\"", "Mozilla/5.0", false)]
    [TestCase("StringEquals", "\"a*\"", "abc", false)]
    public void String_operators(string op, string values, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"{{op}}": {"test:Key": {{values}} } }""", WithContext(("test:Key", request))), Is.EqualTo(expected));

    [TestCase("NumericEquals", "10", "10", true)]
    [TestCase("NumericEquals", "10", "10.0", true)]
    [TestCase("NumericEquals", "\"10\"", "11", false)]
    [TestCase("NumericNotEquals", "10", "11", true)]
    [TestCase("NumericNotEquals", "10", "10", false)]
    [TestCase("NumericLessThan", "10", "9.5", true)]
    [TestCase("NumericLessThan", "10", "10", false)]
    [TestCase("NumericLessThanEquals", "10", "10", true)]
    [TestCase("NumericGreaterThan", "10", "10", false)]
    [TestCase("NumericGreaterThan", "-1", "0", true)]
    [TestCase("NumericGreaterThanEquals", "10", "10", true)]
    [TestCase("NumericGreaterThanEquals", "10", "not-a-number", false)]
    [TestCase("NumericLessThan", "[1, 100]", "50", true)]
    public void Numeric_operators(string op, string values, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"{{op}}": {"test:Number": {{values}} } }""", WithContext(("test:Number", request))), Is.EqualTo(expected));

    [TestCase("DateEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [TestCase("DateEquals", "\"2026-01-01T00:00:00Z\"", "1767225600", true)]
    [TestCase("DateEquals", "\"1767225600\"", "2026-01-01T01:00:00+01:00", true)]
    [TestCase("DateNotEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-02T00:00:00Z", true)]
    [TestCase("DateLessThan", "\"2026-01-01T00:00:00Z\"", "2025-12-31T23:59:59Z", true)]
    [TestCase("DateLessThan", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [TestCase("DateLessThanEquals", "\"2026-01-01\"", "2026-01-01T00:00:00Z", true)]
    [TestCase("DateGreaterThan", "\"2026-01-01T00:00:00Z\"", "2026-06-01T00:00:00Z", true)]
    [TestCase("DateGreaterThanEquals", "\"2026-01-01T00:00:00Z\"", "2025-06-01T00:00:00Z", false)]
    [TestCase("DateGreaterThan", "\"2026-01-01T00:00:00Z\"", "yesterday", false)]
    public void Date_operators_accept_ISO_8601_and_epoch_seconds(string op, string values, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"{{op}}": {"aws:CurrentTime": {{values}} } }""", WithContext(("aws:CurrentTime", request))), Is.EqualTo(expected));

    [TestCase("true", "true", true)]
    [TestCase("true", "TRUE", true)]
    [TestCase("\"false\"", "true", false)]
    [TestCase("false", "false", true)]
    [TestCase("true", "yes", false)]
    public void Bool_operator(string value, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"Bool": {"aws:SecureTransport": {{value}} } }""", WithContext(("aws:SecureTransport", request))), Is.EqualTo(expected));

    [TestCase("\"QmluYXJ5\"", "QmluYXJ5", true)]
    [TestCase("\"QmluYXJ5\"", "QmluYXJz", false)]
    [TestCase("\"QmluYXJ5\"", "not base64!", false)]
    public void BinaryEquals_compares_decoded_bytes(string value, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"BinaryEquals": {"test:Blob": {{value}} } }""", WithContext(("test:Blob", request))), Is.EqualTo(expected));

    [TestCase("IpAddress", "\"203.0.113.0/24\"", "203.0.113.77", true)]
    [TestCase("IpAddress", "\"203.0.113.0/24\"", "203.0.114.1", false)]
    [TestCase("IpAddress", "\"203.0.113.7\"", "203.0.113.7", true)]
    [TestCase("IpAddress", "\"203.0.113.7\"", "203.0.113.8", false)]
    [TestCase("IpAddress", "\"0.0.0.0/0\"", "198.51.100.1", true)]
    [TestCase("IpAddress", "\"0.0.0.0/0\"", "2001:db8::1", false)]
    [TestCase("IpAddress", "\"::/0\"", "2001:db8::1", true)]
    [TestCase("IpAddress", "\"2001:db8::/32\"", "2001:db8:ffff::1", true)]
    [TestCase("IpAddress", "\"2001:db8::/32\"", "2001:db9::1", false)]
    [TestCase("IpAddress", "\"2001:db8::1\"", "2001:DB8:0:0:0:0:0:1", true)]
    [TestCase("IpAddress", "\"203.0.113.9/24\"", "203.0.113.200", true)]
    [TestCase("IpAddress", "[\"10.0.0.0/8\", \"192.168.0.0/16\"]", "192.168.3.4", true)]
    [TestCase("IpAddress", "\"10.0.0.0/8\"", "010.0.0.1", false)]
    [TestCase("IpAddress", "\"10.0.0.0/8\"", "not-an-ip", false)]
    [TestCase("NotIpAddress", "\"203.0.113.0/24\"", "198.51.100.1", true)]
    [TestCase("NotIpAddress", "\"203.0.113.0/24\"", "203.0.113.1", false)]
    [TestCase("NotIpAddress", "\"0.0.0.0/0\"", "203.0.113.1", false)]
    public void Ip_operators_handle_IPv4_IPv6_CIDR_bare_addresses_and_slash_zero(string op, string values, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"{{op}}": {"aws:SourceIp": {{values}} } }""", WithContext(("aws:SourceIp", request))), Is.EqualTo(expected));

    [TestCase("ArnEquals", "arn:aws:iam::123456789012:role/ops", "arn:aws:iam::123456789012:role/ops", true)]
    [TestCase("ArnLike", "arn:aws:iam::*:role/ops", "arn:aws:iam::999999999999:role/ops", true)]
    [TestCase("ArnLike", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::123456789012:role/team/ops", true)]
    [TestCase("ArnLike", "arn:aws:iam::*:*", "arn:aws:s3:::bucket", false)]
    [TestCase("ArnLike", "arn:aws:*:*:123456789012:*", "arn:aws:s3:us-east-1:123456789012:x:y:z", true)]
    [TestCase("ArnLike", "arn:aws:iam::1234*:ops", "arn:aws:iam::123456789012:role/ops", false)]
    [TestCase("ArnLike", "arn:aws:iam::123456789012:role/ops", "not-an-arn", false)]
    [TestCase("ArnNotEquals", "arn:aws:iam::123456789012:role/ops", "arn:aws:iam::123456789012:role/dev", true)]
    [TestCase("ArnNotLike", "arn:aws:iam::*:role/ops", "arn:aws:iam::123456789012:role/ops", false)]
    public void Arn_operators_match_each_of_the_six_fields_on_its_own(string op, string value, string request, bool expected) =>
        Assert.That(ConditionHolds($$"""{"{{op}}": {"aws:PrincipalArn": "{{value}}"} }""", WithContext(("aws:PrincipalArn", request))), Is.EqualTo(expected));

    [TestCase("StringLikeIfExists")]
    [TestCase("NumericLessThanIfExists")]
    [TestCase("DateLessThanIfExists")]
    [TestCase("BoolIfExists")]
    [TestCase("BinaryEqualsIfExists")]
    [TestCase("IpAddressIfExists")]
    [TestCase("NotIpAddressIfExists")]
    [TestCase("ArnLikeIfExists")]
    [TestCase("StringEqualsIgnoreCaseIfExists")]
    public void IfExists_variant_of_every_operator_is_true_when_the_key_is_absent(string op)
    {
        var value = op switch
        {
            "NumericLessThanIfExists" => "1",
            "DateLessThanIfExists" => "\"2026-01-01\"",
            "BoolIfExists" => "true",
            "BinaryEqualsIfExists" => "\"QQ==\"",
            "IpAddressIfExists" or "NotIpAddressIfExists" => "\"10.0.0.0/8\"",
            "ArnLikeIfExists" => "\"arn:aws:iam::*:*\"",
            _ => "\"x\"",
        };
        Assert.That(ConditionHolds($$"""{"{{op}}": {"test:Absent": {{value}} } }""", WithContext()), Is.True);
    }

    [Test]
    public void IfExists_applies_the_operator_when_the_key_is_present() =>
        Assert.That(ConditionHolds("""{"IpAddressIfExists": {"aws:SourceIp": "10.0.0.0/8"}}""", WithContext(("aws:SourceIp", "192.0.2.1"))), Is.False);

    [Test]
    public void Operator_names_compare_case_insensitively() =>
        Assert.That(ConditionHolds("""{"stringequals": {"aws:UserAgent": "curl"}}""", WithContext(("aws:UserAgent", "curl"))), Is.True);
}
