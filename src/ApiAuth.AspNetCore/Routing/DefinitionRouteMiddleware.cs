using ApiAuth.AspNetCore.Responses;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Http;

namespace ApiAuth.AspNetCore.Routing;

/// <summary>
/// With a definition, matches every request to its routes before the app sees it, as API Gateway does: a request
/// that matches none is answered 403 Missing Authentication Token (unless <c>"UnmatchedRoutes": "PassThrough"</c>);
/// a matched one carries its route to <see cref="ConfiguredRouteMatcherPolicy"/>, which gives the endpoint its auth.
/// </summary>
internal sealed class DefinitionRouteMiddleware(RequestDelegate next, ConfiguredRoutes routes, GatewayResponseWriter responses, ApiGateway gateway)
{
    private static readonly object MatchKey = new();

    /// <summary>The route the middleware matched for this request, or null.</summary>
    public static MethodAuthorization? MatchOf(HttpContext context) =>
        context.Items.TryGetValue(MatchKey, out var match) ? match as MethodAuthorization : null;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (routes.Match(context.Request.Method, path) is { } match)
        {
            context.Items[MatchKey] = match;
            return next(context);
        }
        if (routes.PassThroughUnmatched)
        {
            return next(context);
        }
        var decision = GatewayDecision.Denied(403, GatewayResponseTypes.MissingAuthenticationToken, "MissingAuthenticationTokenException", "Missing Authentication Token",
            DecisionReason.MissingAuthenticationToken, AuthorizationType.None, gateway.MethodArnFor(context.Request.Method, path));
        return responses.WriteAsync(context, decision);
    }
}
