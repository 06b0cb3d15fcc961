using System.Net;
using ApiAuth.SigV4;

namespace ApiAuth.Gateway;

/// <summary>
/// The facts about an HTTP request that API Gateway's authorization looks at. The ASP.NET Core adapter builds one
/// per request; tests and other hosts can build them directly.
/// </summary>
public sealed class GatewayRequest
{
    /// <summary>An empty query, shared.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> NoQuery { get; } = System.Collections.Frozen.FrozenDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>An empty set of route values or stage variables, shared.</summary>
    public static IReadOnlyDictionary<string, string> NoValues { get; } = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawTarget">The raw request target as sent (path and query), for SigV4.</param>
    /// <param name="path">The decoded path, for the method ARN (e.g. <c>/pets/42</c>).</param>
    /// <param name="headers">Every header line in the order received.</param>
    public GatewayRequest(string method, string rawTarget, string path, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(rawTarget);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method;
        RawTarget = rawTarget;
        Path = path;
        Headers = headers;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The raw request target.</summary>
    public string RawTarget { get; }

    /// <summary>The decoded path used in the method ARN.</summary>
    public string Path { get; }

    /// <summary>The header lines.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The buffered body (empty when there is none or the method does not need it).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body's lower-case hex SHA-256 when the host hashed it while reading; null to hash <see cref="Body"/>.</summary>
    public string? PayloadHash { get; init; }

    /// <summary>
    /// The caller's address (<c>aws:SourceIp</c>): the connection's, or a trusted proxy's forwarded one. An IPv4
    /// client seen through a dual-stack socket (<c>::ffff:a.b.c.d</c>) is kept as the IPv4 address it is, so
    /// policies and authorizers see the same address.
    /// </summary>
    public IPAddress? SourceIp
    {
        get;
        init => field = value is { IsIPv4MappedToIPv6: true } ? value.MapToIPv4() : value;
    }

    /// <summary>Whether the request came over TLS (<c>aws:SecureTransport</c>).</summary>
    public bool IsSecureTransport { get; init; }

    /// <summary>The VPC endpoint id (<c>aws:SourceVpce</c>), only from a trusted source.</summary>
    public string? SourceVpce { get; init; }

    /// <summary>The VPC id (<c>aws:SourceVpc</c>), only from a trusted source.</summary>
    public string? SourceVpc { get; init; }

    /// <summary>Query string parameters, decoded (for REQUEST authorizers).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; init; } = NoQuery;

    /// <summary>Route values (for REQUEST authorizers).</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = NoValues;

    /// <summary>The stage's variables (for REQUEST authorizers' <c>stageVariables.*</c> sources).</summary>
    public IReadOnlyDictionary<string, string> StageVariables { get; init; } = NoValues;

    /// <summary>The route template as API Gateway's resource, e.g. <c>/pets/{id}</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>Returns the first value of a header (case-insensitive), or null.</summary>
    public string? GetHeader(string name) => HeaderLines.First(Headers, name);
}
