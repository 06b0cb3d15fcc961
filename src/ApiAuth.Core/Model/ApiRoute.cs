using ApiAuth.Gateway;

namespace ApiAuth.Model;

/// <summary>One route of an <see cref="ApiModel"/>: an HTTP method (or <c>ANY</c>) on a resource path, and its auth.</summary>
public sealed class ApiRoute
{
    internal ApiRoute(string method, string path, MethodAuthorization authorization, string origin)
    {
        Method = method;
        Path = path;
        Authorization = authorization;
        Origin = origin;
    }

    /// <summary>The method in upper case: <c>GET</c>, ..., or <c>ANY</c>.</summary>
    public string Method { get; }

    /// <summary>API Gateway's resource path, e.g. <c>/pets/{id}</c> or <c>/files/{proxy+}</c>.</summary>
    public string Path { get; }

    /// <summary>How the route is protected.</summary>
    public MethodAuthorization Authorization { get; }

    /// <summary>Where the route was declared (a configuration path or a definition's path), for messages.</summary>
    public string Origin { get; }
}
