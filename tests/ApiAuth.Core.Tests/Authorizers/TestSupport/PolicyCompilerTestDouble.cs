using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiAuth.Authorizers;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>
/// TEST DOUBLE for the IAM policy engine (not merged yet): just enough of IAM for authorizer policies — Effect,
/// Action/Resource arrays with <c>*</c>/<c>?</c> wildcards, explicit Deny over Allow over implicit Deny. Counts
/// compilations so tests can prove a cached policy is compiled once. Replace with the real engine when it lands.
/// </summary>
internal sealed class PolicyCompilerTestDouble : IAuthorizerPolicyCompiler
{
    private int _compilations;

    public int Compilations => _compilations;

    public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
    {
        Interlocked.Increment(ref _compilations);
        using var document = JsonDocument.Parse(policyDocumentJson);
        var statements = new List<(bool Allow, Regex[] Actions, Regex[] Resources)>();
        foreach (var statement in document.RootElement.GetProperty("Statement").EnumerateArray())
        {
            var effect = statement.GetProperty("Effect").GetString();
            if (effect is not ("Allow" or "Deny"))
            {
                policy = null;
                error = $"Effect '{effect}' is neither Allow nor Deny.";
                return false;
            }

            statements.Add((effect == "Allow", Patterns(statement, "Action", RegexOptions.IgnoreCase), Patterns(statement, "Resource", RegexOptions.None)));
        }

        policy = new Policy(statements);
        error = null;
        return true;
    }

    private static Regex[] Patterns(JsonElement statement, string name, RegexOptions options) =>
        statement.GetProperty(name).EnumerateArray()
            .Select(v => new Regex("^" + Regex.Escape(v.GetString()!).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", options))
            .ToArray();

    private sealed class Policy(List<(bool Allow, Regex[] Actions, Regex[] Resources)> statements) : IAuthorizerPolicy
    {
        public AuthorizerPolicyDecision Evaluate(string methodArn)
        {
            var allowed = false;
            foreach (var (allow, actions, resources) in statements)
            {
                if (actions.Any(a => a.IsMatch("execute-api:Invoke")) && resources.Any(r => r.IsMatch(methodArn)))
                {
                    if (!allow)
                    {
                        return AuthorizerPolicyDecision.ExplicitDeny;
                    }

                    allowed = true;
                }
            }

            return allowed ? AuthorizerPolicyDecision.Allow : AuthorizerPolicyDecision.ImplicitDeny;
        }
    }
}
