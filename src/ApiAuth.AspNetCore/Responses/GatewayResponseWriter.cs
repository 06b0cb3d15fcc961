using System.Text;
using System.Text.Json;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;
using ApiAuth.Model;
using Microsoft.AspNetCore.Http;

namespace ApiAuth.AspNetCore.Responses;

/// <summary>
/// Writes API Gateway's gateway responses: status, <c>x-amzn-ErrorType</c>, <c>{"message": ...}</c>, with the
/// user's per-type overrides (status, headers, body template) applied as API Gateway applies them.
/// </summary>
internal sealed class GatewayResponseWriter(ApiModelBuild build)
{
    private const string DefaultTemplate = "{\"message\":$context.error.messageString}";

    public async Task WriteAsync(HttpContext context, GatewayDecision decision)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }
        var type = decision.ResponseType ?? GatewayResponseTypes.Default4xx;
        GatewayResponseOverride? custom = null;
        build.Model?.GatewayResponses.TryGetValue(type, out custom);
        response.StatusCode = custom?.StatusCode ?? decision.StatusCode;
        response.ContentType = "application/json";
        if (decision.ErrorType is { } errorType)
        {
            response.Headers["x-amzn-ErrorType"] = errorType;
        }
        if (custom is not null)
        {
            foreach (var (name, value) in custom.Headers)
            {
                response.Headers[name] = value;
            }
        }
        var body = Render(custom?.BodyTemplate ?? DefaultTemplate, decision.Message, type);
        await response.WriteAsync(body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Fills a body template in one pass over the template: the message is inserted JSON-escaped, so it cannot break
    /// the JSON, and text inserted is never scanned again, so a message that quotes a placeholder (it may quote the
    /// caller's Authorization header) stays as it is instead of multiplying the response.
    /// </summary>
    internal static string Render(string template, string? message, string responseType)
    {
        const string Prefix = "$context.error.";
        var quoted = message is null ? "null" : JsonSerializer.Serialize(message);
        var inner = message is null ? "" : quoted[1..^1];
        var body = new StringBuilder(template.Length + quoted.Length);
        var rest = template.AsSpan();
        int at;
        while ((at = rest.IndexOf(Prefix, StringComparison.Ordinal)) >= 0)
        {
            body.Append(rest[..at]);
            rest = rest[(at + Prefix.Length)..];
            // messageString before message: the longer name wins. Anything else is text.
            var name = rest.StartsWith("messageString", StringComparison.Ordinal) ? "messageString"
                : rest.StartsWith("message", StringComparison.Ordinal) ? "message"
                : rest.StartsWith("responseType", StringComparison.Ordinal) ? "responseType"
                : "";
            body.Append(name switch
            {
                "messageString" => quoted,
                "message" => inner,
                "responseType" => responseType,
                _ => Prefix,
            });
            rest = rest[name.Length..];
        }
        return body.Append(rest).ToString();
    }
}
