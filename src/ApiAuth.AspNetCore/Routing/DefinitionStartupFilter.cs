using ApiAuth.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Routing;

/// <summary>
/// With a definition: puts <see cref="DefinitionRouteMiddleware"/> in front of the app's whole pipeline, and once the
/// app's endpoints are mapped (after the rest of the pipeline is built, before the server listens) stops the app
/// when an endpoint's own <c>[ApiAuthorize]</c>/<c>RequireApiAuthorization</c> disagrees with the definition.
/// A disagreement start-up cannot see (an endpoint template matching several definition routes) still answers 500
/// at request time, as with <c>ApiAuth:Routes</c>.
/// </summary>
internal sealed class DefinitionStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        ConfiguredRoutes routes;
        try
        {
            routes = app.ApplicationServices.GetRequiredService<ConfiguredRoutes>();
        }
        catch (OptionsValidationException)
        {
            // Configuration errors are reported, all together, by the start-up validation.
            next(app);
            return;
        }
        if (!routes.HasDefinition)
        {
            next(app);
            return;
        }
        app.UseMiddleware<DefinitionRouteMiddleware>();
        next(app);
        var conflicts = Conflicts(routes, app.ApplicationServices.GetService<EndpointDataSource>()?.Endpoints ?? []).ToList();
        if (conflicts.Count > 0)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(Configuration.ApiAuthOptions), conflicts);
        }
    };

    internal static IEnumerable<string> Conflicts(ConfiguredRoutes routes, IEnumerable<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ApiAuthorizeAttribute>() is not { } inCode)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var shape = RouteShape.FromPattern(endpoint.RoutePattern);
            var own = inCode.ToMethodAuthorization();
            foreach (var (method, routeShape, authorization) in routes.All)
            {
                var sameMethod = method == "ANY" || methods is null || methods.Count == 0 || methods.Contains(method, StringComparer.OrdinalIgnoreCase);
                if (sameMethod && routeShape == shape && !ConfiguredRoutes.Agree(own, authorization))
                {
                    yield return $"The endpoint '{endpoint.DisplayName}' is protected in code as {Describe(own)} but the definition's {method} {endpoint.RoutePattern.RawText} is {Describe(authorization)}; remove the endpoint's own auth (the definition decides) or make them agree.";
                }
            }
        }
    }

    private static string Describe(ApiAuth.Gateway.MethodAuthorization authorization) =>
        authorization.AuthorizerName is null ? authorization.Type.ToString() : $"{authorization.Type} '{authorization.AuthorizerName}'" +
            (authorization.RequiredScopes.Count > 0 ? $" [{string.Join(", ", authorization.RequiredScopes)}]" : "");
}
