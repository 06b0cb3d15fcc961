using System.Text;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Core.Tests.Policies.Evaluation;

/// <summary>
/// Seeded random policies and requests: the compiled evaluator (linear for small policies, indexed for large ones)
/// must agree with <see cref="ReferenceEvaluator"/>, and its deciding statement must be one that applies.
/// </summary>
public sealed class EvaluatorPropertyTests
{
    private static readonly string[] ActionPatterns = ["*", "execute-api:*", "execute-api:Invoke", "execute-api:inv*", "s3:*", "execute-api:?nvoke", "EXECUTE-API:INVOKE"];
    private static readonly string[] Actions = ["execute-api:Invoke", "execute-api:InvalidateCache", "s3:GetObject"];
    private static readonly string[] Segments = ["pets", "toys", "p*", "*", "?ets", "pets*", "t?ys"];
    private static readonly string[] RequestSegments = ["pets", "toys", "petsx", "Pets", "p", "tays"];
    private static readonly string[] Methods = ["GET", "POST", "*", "DELETE"];
    private static readonly string[] Keys = ["k:one", "K:Two", "aws:SourceIp"];
    private static readonly string[] StringValues = ["a", "b", "A", "a*", "?"];
    private static readonly string[] RequestStrings = ["a", "b", "A", "ab", "c", "1", "5"];
    private static readonly string[] Cidrs = ["10.0.0.0/8", "10.1.0.0/16", "192.0.2.7", "0.0.0.0/0"];
    private static readonly string[] Ips = ["10.1.2.3", "10.2.0.1", "192.0.2.7", "203.0.113.9", "not-ip"];
    private static readonly string[] Callers =
    [
        "anonymous", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::111122223333:user/bob",
        "arn:aws:sts::123456789012:assumed-role/dev/s1", "arn:aws:sts::111122223333:assumed-role/dev/s2", "arn:aws:iam::123456789012:role/dev",
    ];
    private static readonly string[] PrincipalEntries =
    [
        "\"123456789012\"", "\"arn:aws:iam::111122223333:root\"", "\"arn:aws:iam::123456789012:user/alice\"",
        "\"arn:aws:iam::123456789012:role/team/dev\"", "\"arn:aws:sts::111122223333:assumed-role/dev/s2\"", "\"*\"",
    ];
    private static readonly string[] Operators =
    [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "Bool", "NumericLessThan", "Null", "IpAddress", "NotIpAddress",
    ];

    [Test]
    public void Compiled_evaluator_agrees_with_the_reference_evaluator()
    {
        var random = new Random(424242);
        for (var p = 0; p < 600; p++)
        {
            // Mostly small policies (linear scan) and some large ones (statement index).
            var statementCount = p % 5 == 0 ? random.Next(9, 40) : random.Next(1, 6);
            var resourcePolicy = p % 2 == 1;
            var json = RandomPolicy(random, statementCount, resourcePolicy);
            var parsed = PolicyParser.Parse(json);
            Assert.That(parsed.IsValid, Is.True, () => json + "\n" + string.Join("\n", parsed.Findings));
            var compiled = PolicyCompiler.Compile(parsed.Policy!, new PolicyCompileOptions("p", resourcePolicy ? PolicyKind.Resource : PolicyKind.Identity));
            for (var r = 0; r < 10; r++)
            {
                var (request, context) = RandomRequest(random);
                var caller = request.Principal.Arn ?? "anonymous";
                var expected = ReferenceEvaluator.Evaluate(parsed.Policy!, caller, request.Action, request.Resource, context);
                var actual = compiled.Evaluate(request);
                Assert.That(actual.Decision, Is.EqualTo(expected), () => $"{json}\n{caller} {request.Action} {request.Resource} {Describe(context)}");
                if (actual.Statement is { } statement)
                {
                    Assert.That(ReferenceEvaluator.Applies(statement.Source, caller, request.Action, request.Resource, context), Is.True);
                    Assert.That(statement.Effect == PolicyEffect.Deny, Is.EqualTo(actual.Decision == PolicyDecision.ExplicitDeny));
                }
                Assert.That(compiled.Explain(request).Decision, Is.EqualTo(expected));
            }
        }
    }

    private static string RandomPolicy(Random random, int statements, bool resourcePolicy)
    {
        var json = new StringBuilder("""{"Version": "2012-10-17", "Statement": [""");
        for (var i = 0; i < statements; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }
            json.Append($$"""{"Effect": "{{(random.Next(4) == 0 ? "Deny" : "Allow")}}", """);
            if (resourcePolicy)
            {
                var element = random.Next(8) == 0 ? "NotPrincipal" : "Principal";
                json.Append(random.Next(4) == 0
                    ? $$"""
                        "{{element}}": "*",
                        """
                    : $$"""
                        "{{element}}": {"AWS": {{(random.Next(2) == 0 ? PrincipalEntries[random.Next(PrincipalEntries.Length)] : "[" + PrincipalEntries[random.Next(PrincipalEntries.Length)] + ", " + PrincipalEntries[random.Next(PrincipalEntries.Length)] + "]")}} },
                        """);
            }
            json.Append($$""" "{{(random.Next(6) == 0 ? "NotAction" : "Action")}}": {{List(random, ActionPatterns, 1 + random.Next(2))}}, """);
            json.Append($$"""
                "{{(random.Next(8) == 0 ? "NotResource" : "Resource")}}": {{Json([.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => RandomResourcePattern(random))])}}
                """);
            var conditions = random.Next(3);
            if (conditions > 0)
            {
                json.Append(""", "Condition": {""");
                var used = new HashSet<string>();
                for (var c = 0; c < conditions; c++)
                {
                    var op = RandomOperator(random);
                    if (!used.Add(op))
                    {
                        continue;
                    }
                    if (used.Count > 1)
                    {
                        json.Append(',');
                    }
                    json.Append($$"""
                        "{{op}}": {"{{Keys[random.Next(Keys.Length)]}}": {{ValuesFor(random, op)}} }
                        """);
                }
                json.Append('}');
            }
            json.Append('}');
        }
        return json.Append("]}").ToString();
    }

    private static string RandomResourcePattern(Random random) => random.Next(10) switch
    {
        0 => "*",
        1 => "arn:aws:execute-api:*:*:*",
        _ => $"arn:aws:execute-api:us-east-1:123456789012:api/prod/{Methods[random.Next(Methods.Length)]}/{Segments[random.Next(Segments.Length)]}"
             + (random.Next(3) == 0 ? "/" + Segments[random.Next(Segments.Length)] : string.Empty),
    };

    private static string RandomOperator(Random random)
    {
        var op = Operators[random.Next(Operators.Length)];
        if (op == "Null")
        {
            return op;
        }
        var prefix = random.Next(6) switch
        {
            0 => "ForAllValues:",
            1 => "ForAnyValue:",
            _ => string.Empty,
        };
        return prefix + op + (random.Next(4) == 0 ? "IfExists" : string.Empty);
    }

    private static string ValuesFor(Random random, string op)
    {
        var count = 1 + random.Next(2);
        if (op.Contains("IpAddress", StringComparison.Ordinal))
        {
            return List(random, Cidrs, count);
        }
        if (op.Contains("Bool", StringComparison.Ordinal) || op == "Null")
        {
            return List(random, ["true", "false"], count);
        }
        return op.Contains("Numeric", StringComparison.Ordinal) ? List(random, ["1", "3.5", "10"], count) : List(random, StringValues, count);
    }

    private static (PolicyRequest Request, Dictionary<string, string[]> Context) RandomRequest(Random random)
    {
        var context = new Dictionary<string, string[]>();
        foreach (var key in Keys)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }
            var pool = key == "aws:SourceIp" ? Ips : random.Next(5) == 0 ? ["true", "false", "TRUE"] : RequestStrings;
            context[random.Next(2) == 0 ? key : key.ToUpperInvariant()] = [.. Enumerable.Range(0, random.Next(4)).Select(_ => pool[random.Next(pool.Length)])];
        }
        var resource = $"arn:aws:execute-api:us-east-1:123456789012:api/prod/{Methods[random.Next(3) == 0 ? 0 : random.Next(Methods.Length)]}/{RequestSegments[random.Next(RequestSegments.Length)]}"
            + (random.Next(3) == 0 ? "/" + RequestSegments[random.Next(RequestSegments.Length)] : string.Empty);
        var request = new PolicyRequest(RequestPrincipal.Parse(Callers[random.Next(Callers.Length)]), Actions[random.Next(Actions.Length)], resource,
            RequestContext.CreateMultiValued(context.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value))));
        return (request, context);
    }

    private static string List(Random random, string[] pool, int count) =>
        Json([.. Enumerable.Range(0, count).Select(_ => pool[random.Next(pool.Length)])]);

    private static string Json(string[] values) => values.Length == 1 ? $"\"{values[0]}\"" : "[" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "]";

    private static string Describe(Dictionary<string, string[]> context) =>
        string.Join("; ", context.Select(p => $"{p.Key}=[{string.Join(",", p.Value)}]"));
}
