using System.Collections.Frozen;
using System.Text.Json;
using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// Checks a custom authorizer's response the way API Gateway does before using it: a principal, a readable policy and
/// a context of strings, numbers and booleans; anything else fails the request with 500.
/// </summary>
internal static class CustomAuthorizerResponseValidator
{
    public static AuthorizerInvocation Validate(CustomAuthorizerResponse? response, IAuthorizerPolicyCompiler compiler)
    {
        if (response is null || string.IsNullOrEmpty(response.PrincipalID) || response.PolicyDocument is null)
        {
            return response?.IsUnauthorized == true
                ? AuthorizerInvocation.Failed(AuthorizerOutcome.Unauthorized(DecisionReason.AuthorizerUnauthorized))
                : Malformed(DecisionReason.MalformedAuthorizerResult);
        }

        if (!TryCopyContext(response.Context, out var context))
        {
            return Malformed(DecisionReason.MalformedAuthorizerResult);
        }

        if (!AuthorizerPolicyDocumentWriter.TryWrite(response.PolicyDocument, out var policyJson) ||
            !compiler.TryCompile(policyJson, out var policy, out _))
        {
            return Malformed(DecisionReason.MalformedPolicyDocument);
        }

        return AuthorizerInvocation.Succeeded(new CustomAuthorizerResult(response.PrincipalID, policy, context, response.UsageIdentifierKey));
    }

    private static AuthorizerInvocation Malformed(DecisionReason reason) =>
        AuthorizerInvocation.Failed(AuthorizerOutcome.ConfigurationError(reason));

    private static bool TryCopyContext(IDictionary<string, object?>? source, out IReadOnlyDictionary<string, object> context)
    {
        context = FrozenDictionary<string, object>.Empty;
        if (source is null || source.Count == 0)
        {
            return true;
        }

        var copy = new Dictionary<string, object>(source.Count, StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if (ToContextValue(value) is not { } normalized)
            {
                return false;
            }

            copy[key] = normalized;
        }

        context = copy.ToFrozenDictionary(StringComparer.Ordinal);
        return true;
    }

    // Numbers become double, as they do once API Gateway has read the authorizer's JSON answer.
    private static object? ToContextValue(object? value) => value switch
    {
        string or bool => value,
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
            Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
