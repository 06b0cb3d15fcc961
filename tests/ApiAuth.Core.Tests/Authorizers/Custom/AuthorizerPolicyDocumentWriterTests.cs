using System.Text.Json;
using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Tests.Authorizers.Custom;

public class AuthorizerPolicyDocumentWriterTests
{
    [Test]
    public void Typed_policy_is_written_as_IAM_JSON()
    {
        var document = new AuthorizerPolicyDocument
        {
            Statement =
            [
                new AuthorizerPolicyStatement
                {
                    Effect = "Allow",
                    Action = new HashSet<string> { "execute-api:Invoke" },
                    Resource = new HashSet<string> { "arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/*" },
                    Condition = new Dictionary<string, IDictionary<string, object>>
                    {
                        ["IpAddress"] = new Dictionary<string, object> { ["aws:SourceIp"] = new[] { "203.0.113.0/24" } },
                        ["NumericLessThan"] = new Dictionary<string, object> { ["aws:EpochTime"] = 1700000000L },
                    },
                },
            ],
        };

        Assert.That(AuthorizerPolicyDocumentWriter.TryWrite(document, out var json), Is.True);
        using var parsed = JsonDocument.Parse(json);
        var statement = parsed.RootElement.GetProperty("Statement")[0];
        Assert.That(parsed.RootElement.GetProperty("Version").GetString(), Is.EqualTo("2012-10-17"));
        Assert.That(statement.GetProperty("Effect").GetString(), Is.EqualTo("Allow"));
        Assert.That(statement.GetProperty("Action")[0].GetString(), Is.EqualTo("execute-api:Invoke"));
        Assert.That(statement.GetProperty("Resource")[0].GetString(), Is.EqualTo("arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/*"));
        Assert.That(statement.GetProperty("Condition").GetProperty("IpAddress").GetProperty("aws:SourceIp")[0].GetString(), Is.EqualTo("203.0.113.0/24"));
        Assert.That(statement.GetProperty("Condition").GetProperty("NumericLessThan").GetProperty("aws:EpochTime").GetString(), Is.EqualTo("1700000000"));
    }

    [Test]
    public void Null_statement_is_refused()
    {
        var document = new AuthorizerPolicyDocument { Statement = [null!] };

        Assert.That(AuthorizerPolicyDocumentWriter.TryWrite(document, out _), Is.False);
    }
}
