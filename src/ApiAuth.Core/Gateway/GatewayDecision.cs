using System.Collections.Frozen;
using ApiAuth.Policies.Compilation;

namespace ApiAuth.Gateway;

/// <summary>
/// API Gateway's verdict on a request: allowed, with who the caller is, or a gateway response to send
/// (status, <c>x-amzn-ErrorType</c>, <c>{"message": ...}</c>).
/// </summary>
public sealed record GatewayDecision
{
    private static readonly IReadOnlyDictionary<string, string> NoClaims = FrozenDictionary<string, string>.Empty;
    private static readonly IReadOnlyDictionary<string, object> NoContext = FrozenDictionary<string, object>.Empty;

    /// <summary>Whether the request may continue.</summary>
    public required bool IsAllowed { get; init; }

    /// <summary>200 when allowed, else the gateway response status.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The gateway response type (<see cref="GatewayResponseTypes"/>) when denied.</summary>
    public string? ResponseType { get; init; }

    /// <summary>The <c>x-amzn-ErrorType</c> header when denied.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The body's <c>message</c> when denied (null for authorizer configuration errors, as AWS sends).</summary>
    public string? Message { get; init; }

    /// <summary>Why: a stable, typed reason for logs, metrics and tests, never sent to the caller.</summary>
    public required DecisionReason Reason { get; init; }

    /// <summary>For <see cref="DecisionReason.Misconfigured"/> and the like: what is wrong with the configuration, for the
    /// log; never sent to the caller and never a secret.</summary>
    public string? Detail { get; init; }

    /// <summary>The method's authorization type.</summary>
    public required AuthorizationType AuthorizationType { get; init; }

    /// <summary>The method ARN that was authorized.</summary>
    public required string MethodArn { get; init; }

    /// <summary>The caller: an IAM principal ARN, a custom authorizer's principalId, or a token's <c>sub</c>.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>The caller's IAM ARN (AWS_IAM).</summary>
    public string? PrincipalArn { get; init; }

    /// <summary>The caller's account (AWS_IAM).</summary>
    public string? AccountId { get; init; }

    /// <summary>The caller's access key (AWS_IAM).</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Token claims (Cognito/JWT).</summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = NoClaims;

    /// <summary>The custom authorizer's context.</summary>
    public IReadOnlyDictionary<string, object> Context { get; init; } = NoContext;

    /// <summary>The id of the API key the request used (a method that requires one); never the key's value.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>The usage plan that throttled and counted the request (a method that requires an API key).</summary>
    public string? UsagePlan { get; init; }

    /// <summary>The custom authorizer's <c>usageIdentifierKey</c>: the API key when the key source is AUTHORIZER.
    /// A secret, so never public.</summary>
    internal string? UsageIdentifierKey { get; init; }

    /// <summary>The policy statements that decided.</summary>
    public IReadOnlyList<CompiledStatement> Statements { get; init; } = [];

    /// <summary>A gateway response: the request stops here.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="responseType">The gateway response type (<see cref="GatewayResponseTypes"/>).</param>
    /// <param name="errorType">The <c>x-amzn-ErrorType</c> header.</param>
    /// <param name="message">The body's message (null is sent as JSON null).</param>
    /// <param name="reason">Why.</param>
    /// <param name="type">The method's authorization type.</param>
    /// <param name="methodArn">The method ARN.</param>
    /// <returns>The decision.</returns>
    public static GatewayDecision Denied(int statusCode, string responseType, string errorType, string? message, DecisionReason reason, AuthorizationType type, string methodArn) => new()
    {
        IsAllowed = false,
        StatusCode = statusCode,
        ResponseType = responseType,
        ErrorType = errorType,
        Message = message,
        Reason = reason,
        AuthorizationType = type,
        MethodArn = methodArn,
    };
}
