using System.Collections.Frozen;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;

namespace ApiAuth.Authorizers;

/// <summary>
/// The result of running an authorizer, already translated to what API Gateway would answer. The ASP.NET Core adapter
/// turns a rejection into the gateway response (<see cref="StatusCode"/>, <see cref="ErrorType"/> as
/// <c>x-amzn-ErrorType</c>, body <c>{"message": Message}</c>) and an allow into the request's principal.
/// </summary>
public sealed class AuthorizerOutcome
{
    /// <summary>API Gateway's 401 body message.</summary>
    public const string UnauthorizedMessage = "Unauthorized";

    /// <summary>API Gateway's 403 message when the authorizer's policy has no matching Allow.</summary>
    public const string AccessDeniedMessage = "User is not authorized to access this resource";

    /// <summary>API Gateway's 403 message when the authorizer's policy explicitly denies.</summary>
    public const string ExplicitDenyMessage = "User is not authorized to access this resource with an explicit deny";

    private static readonly IReadOnlyDictionary<string, object> NoContext = FrozenDictionary<string, object>.Empty;
    private static readonly IReadOnlyDictionary<string, string> NoClaims = FrozenDictionary<string, string>.Empty;

    private AuthorizerOutcome(
        DecisionReason reason,
        int statusCode,
        string? gatewayResponseType,
        string? errorType,
        string? message,
        string? principalId,
        IReadOnlyDictionary<string, object>? context,
        IReadOnlyDictionary<string, string>? claims,
        IReadOnlyList<string>? groups,
        IReadOnlyList<string>? scopes,
        string? usageIdentifierKey,
        IAuthorizerPolicy? policy = null)
    {
        Reason = reason;
        StatusCode = statusCode;
        GatewayResponseType = gatewayResponseType;
        ErrorType = errorType;
        Message = message;
        PrincipalId = principalId;
        Context = context ?? NoContext;
        Claims = claims ?? NoClaims;
        Groups = groups ?? [];
        Scopes = scopes ?? [];
        UsageIdentifierKey = usageIdentifierKey;
        Policy = policy;
    }

    // The same outcome, naming the statement of the authorizer's policy that decided it.
    private AuthorizerOutcome(AuthorizerOutcome outcome, CompiledStatement statement)
        : this(outcome.Reason, outcome.StatusCode, outcome.GatewayResponseType, outcome.ErrorType, outcome.Message, outcome.PrincipalId,
            outcome.Context, outcome.Claims, outcome.Groups, outcome.Scopes, outcome.UsageIdentifierKey, outcome.Policy) =>
        Statement = statement;

    /// <summary>Whether the request may continue.</summary>
    public bool IsAllowed => Reason == DecisionReason.Allow;

    /// <summary>Why; stable, for logs and metrics only (never sent to the caller).</summary>
    public DecisionReason Reason { get; }

    /// <summary>200 when allowed; otherwise 401, 403 or 500 as API Gateway answers.</summary>
    public int StatusCode { get; }

    /// <summary>API Gateway's gateway response type (<c>UNAUTHORIZED</c>, <c>ACCESS_DENIED</c>,
    /// <c>AUTHORIZER_CONFIGURATION_ERROR</c>), so users can override responses per type; null when allowed.</summary>
    public string? GatewayResponseType { get; }

    /// <summary>The <c>x-amzn-ErrorType</c> header value; null when allowed.</summary>
    public string? ErrorType { get; }

    /// <summary>The body's <c>message</c>; null when allowed and for 500 (API Gateway sends <c>{"message":null}</c>).</summary>
    public string? Message { get; }

    /// <summary>The principal: the custom authorizer's <c>principalId</c>, or a JWT's <c>sub</c>.</summary>
    public string? PrincipalId { get; }

    /// <summary>The custom authorizer's context (values are <see cref="string"/>, <see cref="double"/> or
    /// <see cref="bool"/>), as <c>$context.authorizer.*</c>.</summary>
    public IReadOnlyDictionary<string, object> Context { get; }

    /// <summary>A validated JWT's claims, as <c>$context.authorizer.claims.*</c> (non-string values as JSON text).</summary>
    public IReadOnlyDictionary<string, string> Claims { get; }

    /// <summary>A validated Cognito token's <c>cognito:groups</c>.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>A validated access token's scopes.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The custom authorizer's usage identifier key (API key for usage plans), if any.</summary>
    public string? UsageIdentifierKey { get; }

    /// <summary>The custom authorizer's compiled policy, so the gateway can combine it with the API's resource policy
    /// and explain the decision; null for JWT authorizers and for rejections made before a policy existed.</summary>
    public IAuthorizerPolicy? Policy { get; }

    /// <summary>The statement of the authorizer's policy that decided (its Allow, or the Deny that denied); null for an
    /// implicit deny and for outcomes without a policy.</summary>
    public CompiledStatement? Statement { get; }

    internal AuthorizerOutcome WithStatement(CompiledStatement statement) => new(this, statement);

    internal static AuthorizerOutcome Allow(
        string principalId,
        IReadOnlyDictionary<string, object>? context = null,
        string? usageIdentifierKey = null,
        IReadOnlyDictionary<string, string>? claims = null,
        IReadOnlyList<string>? groups = null,
        IReadOnlyList<string>? scopes = null,
        IAuthorizerPolicy? policy = null) =>
        new(DecisionReason.Allow, 200, null, null, null, principalId, context, claims, groups, scopes, usageIdentifierKey, policy);

    internal static AuthorizerOutcome Unauthorized(DecisionReason reason) =>
        new(reason, 401, GatewayResponseTypes.Unauthorized, "UnauthorizedException", UnauthorizedMessage, null, null, null, null, null, null);

    // The principal and context travel with a denial too: API Gateway logs them and a custom gateway response can use them.
    internal static AuthorizerOutcome Deny(
        bool explicitDeny,
        string principalId,
        IReadOnlyDictionary<string, object>? context,
        string? usageIdentifierKey,
        IAuthorizerPolicy policy) =>
        new(
            explicitDeny ? DecisionReason.ExplicitDeny : DecisionReason.ImplicitDeny,
            403,
            GatewayResponseTypes.AccessDenied,
            AuthorizationDecision.AccessDeniedErrorType,
            explicitDeny ? ExplicitDenyMessage : AccessDeniedMessage,
            principalId,
            context,
            null,
            null,
            null,
            usageIdentifierKey,
            policy);

    internal static AuthorizerOutcome ConfigurationError(DecisionReason reason) =>
        new(reason, 500, GatewayResponseTypes.AuthorizerConfigurationError, "AuthorizerConfigurationException", null, null, null, null, null, null, null);
}
