using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace ApiAuth.AspNetCore.Routing;

/// <summary>
/// Gives endpoints that <c>ApiAuth:Routes</c> names their configured auth, by swapping the matched endpoint for one
/// that carries it (the extension point ASP.NET Core's dynamic endpoints use). It runs after the HTTP method policy,
/// so it sees only the endpoints left for the request's method, and it applies only when routes are configured.
/// </summary>
internal sealed class ConfiguredRouteMatcherPolicy(ConfiguredRoutes routes) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => int.MaxValue - 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => (routes.HasDefinition || !routes.IsEmpty) && endpoints.Any(endpoint => endpoint is RouteEndpoint);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (routes.HasDefinition)
        {
            // The definition's route for the request's path, as API Gateway matches it, whatever ASP.NET Core's route
            // template is: /pets served by an app endpoint /{**rest} still gets /pets's auth.
            var match = DefinitionRouteMiddleware.MatchOf(httpContext) ?? routes.Match(httpContext.Request.Method, httpContext.Request.Path.Value ?? "/");
            if (match is not null)
            {
                for (var i = 0; i < candidates.Count; i++)
                {
                    if (candidates.IsValidCandidate(i) && candidates[i].Endpoint is RouteEndpoint endpoint)
                    {
                        candidates.ReplaceEndpoint(i, routes.WithRouteAuthorization(endpoint, match), candidates[i].Values);
                    }
                }
                return Task.CompletedTask;
            }
            // No route (PassThrough): API Gateway's paths compare with case and ASP.NET Core's routing without, so /PETS
            // can still reach the endpoint of the listed /pets. An endpoint a listed route names keeps that route's auth;
            // only the app's own endpoints keep their own.
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint is RouteEndpoint endpoint &&
                routes.EndpointFor(endpoint, httpContext.Request.Method) is { } configured)
            {
                candidates.ReplaceEndpoint(i, configured, candidates[i].Values);
            }
        }
        return Task.CompletedTask;
    }
}
