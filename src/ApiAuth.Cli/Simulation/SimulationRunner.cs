using System.Text;
using System.Text.Json;
using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Simulation;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Cli.Simulation;

/// <summary>
/// Runs <c>apiauth simulate</c> cases (DESIGN §4). Input: a JSON array of cases, or one case per line. A case:
/// <c>{"name", "identityPolicies": [...], "resourcePolicy": {...}|null, "principal": "arn:..."|"anonymous",
/// "action": "execute-api:Invoke", "resource": "arn:aws:execute-api:...", "context": {"key": "v" | ["v", ...]}}</c>,
/// optionally <c>"authorizationType": "AWS_IAM"|"NONE"|"COGNITO_USER_POOLS"</c> (default AWS_IAM for IAM callers,
/// NONE for anonymous ones). Output per case: <c>{"name", "decision": "Allow|ExplicitDeny|ImplicitDeny",
/// "statements": [...]}</c> or <c>{"name", "decision": "Error", "message"}</c>.
/// </summary>
internal static class SimulationRunner
{
    private static readonly string[] CaseKeys = ["name", "identityPolicies", "resourcePolicy", "principal", "action", "resource", "context", "authorizationType"];

    /// <summary>Runs every case in the input.</summary>
    /// <param name="input">The cases file's text.</param>
    /// <param name="timeProvider">The clock for <c>aws:CurrentTime</c> and <c>aws:EpochTime</c>; null for the system clock.</param>
    /// <returns>The output lines.</returns>
    public static SimulationRun Run(string input, TimeProvider? timeProvider = null)
    {
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        ArgumentNullException.ThrowIfNull(input);
        var lines = new List<string>();
        var hasErrors = false;
        void Add(string line, bool error)
        {
            lines.Add(line);
            hasErrors |= error;
        }
        if (input.TrimStart().StartsWith('['))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(input);
            }
            catch (JsonException ex)
            {
                return new SimulationRun([], true, $"The cases are not a valid JSON array: {ex.Message}");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    return new SimulationRun([], true, "The cases must be a JSON array of objects.");
                }
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    var (line, error) = RunCase(item, now);
                    Add(line, error);
                }
            }
            return new SimulationRun(lines, hasErrors, null);
        }
        var number = 0;
        foreach (var text in input.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                var (line, error) = RunCase(document.RootElement, now);
                Add(line, error);
            }
            catch (JsonException ex)
            {
                Add(ErrorLine(null, $"line {number} is not JSON: {ex.Message}"), true);
            }
        }
        return new SimulationRun(lines, hasErrors, null);
    }

    private static (string Line, bool Error) RunCase(JsonElement element, DateTimeOffset now)
    {
        string? name = null;
        try
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return (ErrorLine(null, "A case must be a JSON object."), true);
            }
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!CaseKeys.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new CaseException($"unknown case key '{property.Name}'; expected {string.Join(", ", CaseKeys)}");
                }
                if (!properties.TryAdd(property.Name, property.Value))
                {
                    throw new CaseException($"case key '{property.Name}' appears twice");
                }
            }
            name = properties.TryGetValue("name", out var nameElement) ? String(nameElement, "name") : null;
            var principalText = properties.TryGetValue("principal", out var p) ? String(p, "principal") : throw new CaseException("the case has no principal");
            if (!RequestPrincipal.TryParse(principalText, out var principal))
            {
                throw new CaseException($"principal '{principalText}' is not \"anonymous\", an account id or an IAM/STS ARN");
            }
            var resource = properties.TryGetValue("resource", out var r) ? NonEmpty(String(r, "resource"), "resource") : throw new CaseException("the case has no resource");
            var action = properties.TryGetValue("action", out var a) ? NonEmpty(String(a, "action"), "action") : PolicyRequest.InvokeAction;
            var type = properties.TryGetValue("authorizationType", out var t) ? ParseType(String(t, "authorizationType"))
                : principal.Type == CallerType.Anonymous ? AuthorizationType.None : AuthorizationType.AwsIam;

            var identity = new List<CompiledPolicy>();
            if (properties.TryGetValue("identityPolicies", out var identityElement) && identityElement.ValueKind != JsonValueKind.Null)
            {
                if (identityElement.ValueKind != JsonValueKind.Array)
                {
                    throw new CaseException("identityPolicies must be an array of policies");
                }
                var index = 0;
                foreach (var policy in identityElement.EnumerateArray())
                {
                    identity.Add(LoadPolicy(policy, new PolicyCompileOptions($"identityPolicies[{index++}]", PolicyKind.Identity)));
                }
            }
            CompiledPolicy? resourcePolicy = null;
            if (properties.TryGetValue("resourcePolicy", out var resourceElement) && resourceElement.ValueKind != JsonValueKind.Null)
            {
                resourcePolicy = LoadPolicy(resourceElement, new PolicyCompileOptions("resourcePolicy", PolicyKind.Resource, ApiOf(resource)));
            }
            var context = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            if (properties.TryGetValue("context", out var contextElement))
            {
                ReadContext(contextElement, context);
            }
            // The keys the gateway would supply (time, transport, the principal's), then the case's own.
            var request = new PolicyRequest(principal, action, resource, GatewayContextKeys.ForSimulation(principal, now, secureTransport: true, context));
            var decision = PolicySimulator.Decide(type, request, identity, resourcePolicy);
            return (DecisionLine(name, decision), false);
        }
        catch (CaseException ex)
        {
            return (ErrorLine(name, ex.Message), true);
        }
    }

    // The resource policy's API is the one named by the case's resource (its region, account and api id).
    private static RestApiReference? ApiOf(string resource)
    {
        if (!Arn.TryParse(resource, out var arn) || arn.Service != "execute-api")
        {
            return null;
        }
        var slash = arn.Resource.IndexOf('/', StringComparison.Ordinal);
        return new RestApiReference(arn.Region, arn.Account, slash < 0 ? arn.Resource : arn.Resource[..slash], arn.Partition);
    }

    private static CompiledPolicy LoadPolicy(JsonElement policy, PolicyCompileOptions options)
    {
        var result = PolicyCompiler.Load(policy.GetRawText(), options);
        return result.IsValid ? result.Policy : throw new CaseException($"{options.Name} is invalid: {result.ErrorMessage}");
    }

    private static void ReadContext(JsonElement element, Dictionary<string, IReadOnlyList<string>> context)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CaseException("context must be an object of key: string or array of strings");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            NonEmpty(property.Name, "context key");
            if (!seen.Add(property.Name))
            {
                throw new CaseException($"context key '{property.Name}' appears twice (keys compare case-insensitively)");
            }
            context[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => [property.Value.GetString()!],
                JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(v => String(v, property.Name))],
                _ => throw new CaseException($"context value of '{property.Name}' must be a string or an array of strings"),
            };
        }
    }

    private static AuthorizationType ParseType(string text) => text switch
    {
        "AWS_IAM" => AuthorizationType.AwsIam,
        "NONE" => AuthorizationType.None,
        "COGNITO_USER_POOLS" => AuthorizationType.CognitoUserPools,
        _ => throw new CaseException($"authorizationType '{text}' is not AWS_IAM, NONE or COGNITO_USER_POOLS"),
    };

    private static string String(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new CaseException($"{what} must be a string");

    private static string DecisionLine(string? name, AuthorizationDecision decision) => Write(writer =>
    {
        writer.WriteString("name", name);
        writer.WriteString("decision", decision.Decision.ToString());
        writer.WriteStartArray("statements");
        foreach (var statement in decision.Statements)
        {
            writer.WriteStringValue(statement.Label);
        }
        writer.WriteEndArray();
    });

    private static string ErrorLine(string? name, string message) => Write(writer =>
    {
        writer.WriteString("name", name);
        writer.WriteString("decision", "Error");
        writer.WriteString("message", message);
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string NonEmpty(string value, string what) => value.Length > 0 ? value : throw new CaseException($"{what} must not be empty");

    // A malformed case, raised from deep inside the readers above. It never escapes RunCase, which turns it into the
    // case's "Error" line, so callers still get results rather than exceptions.
    private sealed class CaseException(string message) : Exception(message);
}
