using System.Text.Json;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Http;

namespace ApiAuth.AspNetCore.TestHooks;

/// <summary>
/// The <c>x-apiauth-decision</c> response header: the decision as one line of JSON, for ApiAuth.Testing's assertions.
/// Written only when a test kit is registered. It carries the reason code, method ARN, principal and deciding
/// statements, never a token, signature or message (AWS messages can quote the caller's headers).
/// </summary>
internal static class DecisionHeader
{
    public const string Name = "x-apiauth-decision";

    public static void Write(HttpResponse response, GatewayDecision decision)
    {
        if (!response.HasStarted)
        {
            response.Headers[Name] = Format(decision);
        }
    }

    // The default encoder escapes every non-ASCII and control character, so the value is always a valid header.
    public static string Format(GatewayDecision decision) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["allowed"] = decision.IsAllowed,
        ["status"] = decision.StatusCode,
        ["reason"] = decision.Reason.ToString(),
        ["authorizationType"] = decision.AuthorizationType.ToString(),
        ["methodArn"] = decision.MethodArn,
        ["principalId"] = decision.PrincipalId,
        ["responseType"] = decision.ResponseType,
        ["errorType"] = decision.ErrorType,
        ["statements"] = decision.Statements.Select(s => $"{s.Effect} {s.Label}").ToArray(),
    });
}
