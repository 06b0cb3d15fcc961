namespace ApiAuth.SigV4;

/// <summary>
/// The parts of an HTTP request that Signature Version 4 covers, exactly as they arrived on the wire.
/// </summary>
/// <remarks>
/// <see cref="RawTarget"/> must be the request target as sent (in ASP.NET Core, <c>IHttpRequestFeature.RawTarget</c>),
/// never a decoded path: AWS signs the wire form and encodes it once more.
/// </remarks>
public sealed class SigV4Request
{
    /// <summary>Creates a request description.</summary>
    /// <param name="method">The HTTP method, e.g. <c>GET</c>.</param>
    /// <param name="rawTarget">The raw request target: path and optional <c>?query</c>, as on the wire.</param>
    /// <param name="headers">Every header line in the order received; a name may repeat.</param>
    /// <param name="body">The request body (empty when there is none).</param>
    public SigV4Request(string method, string rawTarget, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(rawTarget);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method;
        RawTarget = rawTarget;
        Headers = headers;
        Body = body;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The raw request target (path and query) as sent.</summary>
    public string RawTarget { get; }

    /// <summary>The header lines in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The request body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// The lower-case hex SHA-256 of the body when the caller already knows it (e.g. computed while buffering);
    /// when null the verifier hashes <see cref="Body"/>.
    /// </summary>
    public string? PayloadHash { get; init; }

    /// <summary>Returns the first value of the named header (case-insensitive), or null.</summary>
    public string? GetHeader(string name) => HeaderLines.First(Headers, name);
}
