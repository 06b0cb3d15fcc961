using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Simulation;

namespace ApiAuth.Testing;

/// <summary>
/// Assertions on ApiAuth's decisions that work with every test framework: they throw
/// <see cref="ApiAuthAssertionException"/> with the decision's explanation (reason, method ARN, principal, deciding
/// statements, the response body). HTTP assertions read the <c>x-apiauth-decision</c> header that an app sends only
/// with <c>AddApiAuthTestKit</c>.
/// </summary>
public static class ApiAuthAssert
{
    /// <summary>The response header carrying the decision (JSON), sent only by apps with <c>AddApiAuthTestKit</c>.</summary>
    public const string DecisionHeader = "x-apiauth-decision";

    /// <summary>Asserts that ApiAuth let the request through to the endpoint.</summary>
    /// <param name="response">The app's response.</param>
    /// <exception cref="ApiAuthAssertionException">ApiAuth denied the request, or made no decision (the route is not
    /// protected by ApiAuth, or the kit is not registered).</exception>
    public static void Allowed(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var decision = Read(response);
        if (decision is null || !decision.RootElement.TryGetProperty("allowed", out var allowed) || !allowed.GetBoolean())
        {
            throw new ApiAuthAssertionException($"Expected ApiAuth to allow {Describe(response)}, but it did not.{Explain(response, decision)}");
        }
    }

    /// <summary>Asserts that ApiAuth denied the request with this status and <c>x-amzn-ErrorType</c>.</summary>
    /// <param name="response">The app's response.</param>
    /// <param name="status">The expected status, e.g. 403.</param>
    /// <param name="errorType">The expected <c>x-amzn-ErrorType</c>, e.g. <c>AccessDeniedException</c>.</param>
    /// <exception cref="ApiAuthAssertionException">ApiAuth allowed the request, denied it otherwise, or made no decision.</exception>
    public static void Denied(HttpResponseMessage response, int status, string errorType)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        var decision = Read(response);
        var actualType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? string.Join(',', values) : null;
        var denied = decision is not null && decision.RootElement.TryGetProperty("allowed", out var allowed) && !allowed.GetBoolean();
        if (!denied || (int)response.StatusCode != status || actualType != errorType)
        {
            throw new ApiAuthAssertionException(
                $"Expected ApiAuth to deny {Describe(response)} with {status.ToString(CultureInfo.InvariantCulture)} {errorType}, but got " +
                $"{((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {actualType ?? "(no x-amzn-ErrorType)"}.{Explain(response, decision)}");
        }
    }

    /// <summary>Asserts a policy-only decision: what <paramref name="simulator"/> decides for the call.</summary>
    /// <param name="simulator">The API's policies.</param>
    /// <param name="expected">Allow, ExplicitDeny or ImplicitDeny.</param>
    /// <param name="principal">The caller: <c>anonymous</c> or an IAM/STS ARN.</param>
    /// <param name="httpMethod">The HTTP method.</param>
    /// <param name="path">The request path, e.g. <c>/pets/1</c>.</param>
    /// <param name="sourceIp">The caller's address (<c>aws:SourceIp</c>), if the policies care.</param>
    /// <param name="context">Further condition keys.</param>
    /// <returns>The simulation, for further checks.</returns>
    /// <exception cref="ApiAuthAssertionException">The decision differs; the message is the simulator's explanation.</exception>
    public static SimulationResult Decision(PolicySimulator simulator, PolicyDecision expected, string principal, string httpMethod, string path,
        string? sourceIp = null, IReadOnlyDictionary<string, string>? context = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var result = simulator.Check(principal, httpMethod, path, sourceIp, context);
        Decision(result, expected);
        return result;
    }

    /// <summary>Asserts the decision of a simulation already run (e.g. <see cref="PolicySimulator.CheckWithAuthorizer"/>).</summary>
    /// <param name="result">The simulation.</param>
    /// <param name="expected">Allow, ExplicitDeny or ImplicitDeny.</param>
    /// <exception cref="ApiAuthAssertionException">The decision differs; the message is the simulator's explanation.</exception>
    public static void Decision(SimulationResult result, PolicyDecision expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Decision.Decision != expected)
        {
            throw new ApiAuthAssertionException($"Expected {expected}, but the policies decide {result.Decision.Decision}:{Environment.NewLine}{result.Explanation}");
        }
    }

    private static JsonDocument? Read(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(DecisionHeader, out var values))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(values.First());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        response.RequestMessage is { } request ? $"{request.Method} {request.RequestUri?.AbsolutePath}" : "the request";

    private static string Explain(HttpResponseMessage response, JsonDocument? decision)
    {
        var text = new StringBuilder();
        text.AppendLine();
        if (decision is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  No {DecisionHeader} header: the route is not protected by ApiAuth, or the app was started without services.AddApiAuthTestKit(kit).");
        }
        else
        {
            var root = decision.RootElement;
            text.Append(CultureInfo.InvariantCulture, $"  decision: {(root.GetProperty("allowed").GetBoolean() ? "allowed" : "denied")} ({Field(root, "reason")}), status {Field(root, "status")}, {Field(root, "authorizationType")}");
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  method ARN: {Field(root, "methodArn")}");
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  principal: {Field(root, "principalId")}");
            if (root.TryGetProperty("errorType", out var errorType) && errorType.ValueKind == JsonValueKind.String)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  gateway response: {Field(root, "responseType")} {errorType.GetString()}");
            }
            var statements = root.TryGetProperty("statements", out var list) ? list.EnumerateArray().Select(s => s.GetString()).ToList() : [];
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  deciding statements: {(statements.Count == 0 ? "none" : string.Join(", ", statements))}");
        }
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"  response: {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {Body(response)}");
        return text.ToString();
    }

    private static string Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null => "(none)",
            _ => value.GetRawText(),
        } : "(none)";

    // A buffered body can be read again; anything else is left alone rather than consumed for a message.
    private static string Body(HttpResponseMessage response)
    {
        try
        {
            // HttpContent hands out one cached stream: rewind it and leave it open for the test's own reads.
            var stream = response.Content.ReadAsStream();
            if (!stream.CanSeek)
            {
                return "(body not buffered)";
            }
            stream.Position = 0;
            string body;
            using (var reader = new StreamReader(stream, leaveOpen: true))
            {
                body = reader.ReadToEnd();
            }
            stream.Position = 0;
            return body.Length > 500 ? body[..500] + "..." : body;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or ObjectDisposedException)
        {
            return "(body unreadable)";
        }
    }
}
