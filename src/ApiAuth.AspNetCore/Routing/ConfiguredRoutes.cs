using System.Collections.Concurrent;
using System.Collections.Frozen;
using ApiAuth.AspNetCore.Authorization;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ApiAuth.AspNetCore.Routing;

/// <summary>
/// The routes whose auth <c>ApiAuth:Routes</c> sets, checked at start-up. An endpoint a configured route matches is
/// handed to authorization with that route's <see cref="ApiAuthorizeAttribute"/>, as if written in code.
/// </summary>
internal sealed class ConfiguredRoutes
{
    private readonly FrozenDictionary<string, MethodAuthorization> _routes;
    private readonly ConcurrentDictionary<(Endpoint, MethodAuthorization), Endpoint> _replacements = new();

    public ConfiguredRoutes(ApiAuthOptions options, ApiModelBuild build)
    {
        var routes = new Dictionary<string, MethodAuthorization>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var resources = new Dictionary<string, DefinitionResource>(StringComparer.Ordinal);
        HasDefinition = options.Definition is not null;
        PassThroughUnmatched = options.UnmatchedRoutes == ApiAuthOptions.UnmatchedRoutesPassThrough;
        foreach (var route in build.Model?.Routes ?? [])
        {
            var routeKey = route.Method + " " + RouteShape.FromResourcePath(route.Path);
            routes[routeKey] = route.Authorization;
            keys[routeKey] = route.Origin;
            if (!resources.TryGetValue(route.Path, out var resource))
            {
                resources[route.Path] = resource = new DefinitionResource(route.Path);
            }
            resource.Methods[route.Method] = route.Authorization;
        }
        _routes = routes.ToFrozenDictionary(StringComparer.Ordinal);
        _configuredKeys = keys;
        _resources = [.. resources.Values];
    }

    // Normalised route key ("GET /PETS/{}") → where the route was declared, to name it in errors.
    private readonly Dictionary<string, string> _configuredKeys;

    /// <summary>
    /// The configured routes that no endpoint of the app has: a misspelled path would otherwise leave the endpoint it
    /// meant unprotected by configuration, without a word.
    /// </summary>
    public IEnumerable<string> Unmatched(IEnumerable<Endpoint> endpoints)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var shape = RouteShape.FromPattern(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : ApiAuth.Model.RouteKey.Methods)
            {
                present.Add(method.ToUpperInvariant() + " " + shape);
            }
            present.Add("ANY " + shape);
        }
        return _configuredKeys.Where(pair => !present.Contains(pair.Key))
            .Select(pair => $"{pair.Value} matches no endpoint of the app: check its method and path.");
    }

    private readonly DefinitionResource[] _resources;

    /// <summary>Whether a definition decides the routes: every request is then matched by its path, and one that
    /// matches no route is refused (or passed through).</summary>
    public bool HasDefinition { get; }

    /// <summary>Whether requests no route matches reach the app (<c>"UnmatchedRoutes": "PassThrough"</c>).</summary>
    public bool PassThroughUnmatched { get; }

    /// <summary>
    /// The route API Gateway would pick for a request: the resource most specific for the path (per segment, a
    /// literal before <c>{param}</c> before <c>{proxy+}</c>; literals compare with case, as API Gateway's paths do),
    /// then that resource's method or its ANY. Null when the path matches no resource or the resource lacks the
    /// method: API Gateway answers both with Missing Authentication Token.
    /// </summary>
    public MethodAuthorization? Match(string method, string path)
    {
        var trimmed = path.Trim('/');
        var segments = trimmed.Length == 0 ? [] : trimmed.Split('/');
        DefinitionResource? best = null;
        int[]? bestRank = null;
        foreach (var resource in _resources)
        {
            if (resource.Rank(segments) is { } rank && (bestRank is null || Compare(rank, bestRank) > 0))
            {
                (best, bestRank) = (resource, rank);
            }
        }
        if (best is null)
        {
            return null;
        }
        return best.Methods.TryGetValue(method.ToUpperInvariant(), out var authorization) || best.Methods.TryGetValue("ANY", out authorization) ? authorization : null;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>The auth of a definition route by its resource path, for checking endpoints at start-up.</summary>
    public IEnumerable<(string Method, string Shape, MethodAuthorization Authorization)> All =>
        _routes.Select(route => (route.Key[..route.Key.IndexOf(' ', StringComparison.Ordinal)], route.Key[(route.Key.IndexOf(' ', StringComparison.Ordinal) + 1)..], route.Value));

    /// <summary>The configured route's auth replacing the endpoint's: the endpoint carries both when they differ.</summary>
    public Endpoint WithRouteAuthorization(RouteEndpoint endpoint, MethodAuthorization authorization) =>
        _replacements.GetOrAdd((endpoint, authorization), static key => WithAuthorization((RouteEndpoint)key.Item1, key.Item2));

    /// <summary>Whether two authorizations are the same.</summary>
    public static bool Agree(MethodAuthorization a, MethodAuthorization b) => Same(a, b);

    /// <summary>One resource path and its methods.</summary>
    private sealed class DefinitionResource(string path)
    {
        private readonly string[] _segments = path.Trim('/').Length == 0 ? [] : path.Trim('/').Split('/');

        public Dictionary<string, MethodAuthorization> Methods { get; } = new(StringComparer.Ordinal);

        // Per segment: 3 literal, 2 parameter, 1 greedy; null when the path does not match.
        public int[]? Rank(string[] request)
        {
            var rank = new List<int>(request.Length);
            for (var i = 0; i < _segments.Length; i++)
            {
                var segment = _segments[i];
                var isParameter = segment.StartsWith('{') && segment.EndsWith('}');
                if (isParameter && segment.EndsWith("+}", StringComparison.Ordinal))
                {
                    // {proxy+} is last and takes one or more segments.
                    if (i != _segments.Length - 1 || request.Length <= i)
                    {
                        return null;
                    }
                    rank.Add(1);
                    return [.. rank];
                }
                if (i >= request.Length || request[i].Length == 0)
                {
                    return null;
                }
                if (isParameter)
                {
                    rank.Add(2);
                }
                else if (string.Equals(segment, request[i], StringComparison.Ordinal))
                {
                    rank.Add(3);
                }
                else
                {
                    return null;
                }
            }
            return request.Length == _segments.Length ? [.. rank] : null;
        }
    }

    /// <summary>Whether any route is configured.</summary>
    public bool IsEmpty => _routes.Count == 0;

    /// <summary>
    /// The endpoint to run for a request with <paramref name="method"/> that routing matched to
    /// <paramref name="endpoint"/>: the same endpoint with the configured route's auth, or null when no configured
    /// route matches it.
    /// </summary>
    public Endpoint? EndpointFor(RouteEndpoint endpoint, string method)
    {
        var shape = RouteShape.FromPattern(endpoint.RoutePattern);
        if (!_routes.TryGetValue(method.ToUpperInvariant() + " " + shape, out var authorization) && !_routes.TryGetValue("ANY " + shape, out authorization))
        {
            return null;
        }
        return _replacements.GetOrAdd((endpoint, authorization), static key => WithAuthorization((RouteEndpoint)key.Item1, key.Item2));
    }

    // The endpoint's own metadata plus the configured auth. When code already protects it differently, or opts it out
    // with [AllowAnonymous] (which would skip authorization, and so the configured auth, in silence), the endpoint
    // carries the conflict and the decision fails closed: neither side silently wins.
    private static RouteEndpoint WithAuthorization(RouteEndpoint endpoint, MethodAuthorization authorization)
    {
        var attribute = new ApiAuthorizeAttribute(authorization.Type) { Authorizer = authorization.AuthorizerName, Scopes = [.. authorization.RequiredScopes], ApiKeyRequired = authorization.ApiKeyRequired };
        if (endpoint.Metadata.GetMetadata<ApiAuthorizeAttribute>() is { } inCode && !Same(inCode.ToMethodAuthorization(), authorization))
        {
            attribute.ConfigurationConflict = $"the endpoint '{endpoint.DisplayName}' is protected in code as {Describe(inCode.ToMethodAuthorization())} and in ApiAuth:Routes (or the definition) as {Describe(authorization)}";
        }
        var metadata = endpoint.Metadata.Where(item => item is not IAllowAnonymous).ToList();
        if (metadata.Count != endpoint.Metadata.Count)
        {
            attribute.ConfigurationConflict = $"the endpoint '{endpoint.DisplayName}' allows anonymous callers in code ([AllowAnonymous]) and is protected in ApiAuth:Routes as {authorization.Type}";
        }
        metadata.Add(attribute);
        return new RouteEndpoint(endpoint.RequestDelegate!, endpoint.RoutePattern, endpoint.Order, new EndpointMetadataCollection(metadata), endpoint.DisplayName);
    }

    private static string Describe(MethodAuthorization method) => method.ApiKeyRequired ? $"{method.Type} with an API key" : method.Type.ToString();

    private static bool Same(MethodAuthorization a, MethodAuthorization b) =>
        a.Type == b.Type && a.AuthorizerName == b.AuthorizerName && a.RequiredScopes.SequenceEqual(b.RequiredScopes) && a.ApiKeyRequired == b.ApiKeyRequired;
}
