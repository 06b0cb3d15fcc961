using System.Diagnostics;
using ApiAuth.AspNetCore.Authorization;
using ApiAuth.AspNetCore.Http;
using ApiAuth.AspNetCore.Telemetry;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>
/// Runs the gateway pipeline once per request for the endpoint's <see cref="ApiAuthorizeAttribute"/> and keeps the
/// decision on the request. Any exception becomes a denial: the pipeline fails closed.
/// </summary>
/// <remarks>With a test kit registered (<paramref name="testHooks"/>), the decision also goes out as the
/// <c>x-apiauth-decision</c> response header; never otherwise.</remarks>
internal sealed partial class ApiAuthDecisionService(ApiGateway gateway, GatewayRequestReader reader, ApiAuthMetrics metrics, ILogger<ApiAuthDecisionService> logger,
    TestHooks.IApiAuthTestHooks? testHooks = null)
{
    public async ValueTask<GatewayDecision?> DecideAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (context.Features.Get<IApiAuthFeature>() is ApiAuthFeature done && ReferenceEquals(done.Endpoint, endpoint))
        {
            return done.Decision;
        }
        var attribute = endpoint?.Metadata.GetMetadata<ApiAuthorizeAttribute>();
        if (attribute is null)
        {
            return null;
        }

        var method = attribute.ToMethodAuthorization();
        var started = Stopwatch.GetTimestamp();
        using var activity = ApiAuthMetrics.ActivitySource.StartActivity("ApiAuth.Authorize");
        GatewayDecision decision;
        try
        {
            if (attribute.ConfigurationConflict is { } conflict)
            {
                decision = Conflict(FallbackMethodArn(context), method.Type, conflict);
            }
            else
            {
                var read = await reader.ReadAsync(context, method).ConfigureAwait(false);
                decision = read.Request is { } request
                    ? await gateway.AuthorizeAsync(request, method, context.RequestAborted).ConfigureAwait(false)
                    : Refused(context, read.Refusal, method.Type);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPipelineFailed(logger, exception);
            decision = Failed(FallbackMethodArn(context), method.Type);
        }

        context.Features.Set<IApiAuthFeature>(new ApiAuthFeature(decision, endpoint!));
        if (testHooks is not null)
        {
            TestHooks.DecisionHeader.Write(context.Response, decision);
        }
        metrics.Record(decision, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("apiauth.auth_type", decision.AuthorizationType.ToString());
        activity?.SetTag("apiauth.outcome", decision.IsAllowed ? "allow" : "deny");
        activity?.SetTag("apiauth.reason", decision.Reason.ToString());
        if (decision.IsAllowed)
        {
            LogAllowed(logger, decision.MethodArn, decision.AuthorizationType, decision.PrincipalId ?? "anonymous");
        }
        else if (decision.StatusCode >= 500)
        {
            LogFailed(logger, decision.MethodArn, decision.AuthorizationType, decision.StatusCode, decision.Reason, decision.Detail ?? "");
        }
        else
        {
            LogDenied(logger, decision.MethodArn, decision.AuthorizationType, decision.StatusCode, decision.Reason);
        }
        return decision;
    }

    // For decisions made without a gateway request (body too large, pipeline failure): the path as received.
    private string FallbackMethodArn(HttpContext context) => gateway.MethodArnFor(context.Request.Method, context.Request.Path.Value ?? "/");

    private GatewayDecision Refused(HttpContext context, RequestRefusal refusal, AuthorizationType type)
    {
        var methodArn = FallbackMethodArn(context);
        if (refusal == RequestRefusal.BodyTooLarge)
        {
            return TooLarge(methodArn, type);
        }
        // Never evaluate without the source: an IP Deny would not apply. The proxy, not the client, is at fault or
        // was fooled, so the log names the proxy; header values are not logged (a client may have written them).
        var reason = refusal == RequestRefusal.SourceVpcUnreadable ? DecisionReason.SourceVpcUnreadable : DecisionReason.SourceAddressUnreadable;
        LogSourceUnreadable(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", reason);
        return GatewayDecision.Denied(403, GatewayResponseTypes.AccessDenied, "AccessDeniedException", "Forbidden", reason, type, methodArn);
    }

    private static GatewayDecision TooLarge(string methodArn, AuthorizationType type) =>
        GatewayDecision.Denied(413, GatewayResponseTypes.RequestTooLarge, "RequestTooLargeException", "Request Too Long", DecisionReason.RequestTooLarge, type, methodArn);

    // Code and ApiAuth:Routes protect the endpoint differently: neither may win in silence (the log says which).
    private static GatewayDecision Conflict(string methodArn, AuthorizationType type, string conflict) =>
        Failed(methodArn, type) with { Reason = DecisionReason.ConfigurationConflict, Detail = $"{conflict}; remove one of them" };

    private static GatewayDecision Failed(string methodArn, AuthorizationType type) =>
        GatewayDecision.Denied(500, GatewayResponseTypes.Default5xx, "InternalServerErrorException", "Internal server error", DecisionReason.PipelineFailure, type, methodArn);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Allowed {MethodArn} ({AuthorizationType}) for {Principal}")]
    private static partial void LogAllowed(ILogger logger, string methodArn, AuthorizationType authorizationType, string principal);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Denied {MethodArn} ({AuthorizationType}) with {StatusCode}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string methodArn, AuthorizationType authorizationType, int statusCode, DecisionReason reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Failed {MethodArn} ({AuthorizationType}) with {StatusCode}: {Reason} {Detail}")]
    private static partial void LogFailed(ILogger logger, string methodArn, AuthorizationType authorizationType, int statusCode, DecisionReason reason, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Refused a request from trusted proxy {Proxy}: its headers give no readable client source ({Reason})")]
    private static partial void LogSourceUnreadable(ILogger logger, string proxy, DecisionReason reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The authorization pipeline failed; the request is denied")]
    private static partial void LogPipelineFailed(ILogger logger, Exception exception);
}
