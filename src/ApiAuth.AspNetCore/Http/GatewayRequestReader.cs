using System.Buffers;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace ApiAuth.AspNetCore.Http;

/// <summary>
/// Translates an <see cref="HttpContext"/> into a <see cref="GatewayRequest"/>: the raw target (never the decoded
/// path) for SigV4, headers as received, a bounded copy of the body, and the source address only from the
/// connection or a trusted proxy.
/// </summary>
internal sealed class GatewayRequestReader(ApiAuthOptions options)
{
    private readonly TrustedProxies _proxies = new(options.TrustedProxies);

    /// <summary>Reads the request; null when the body exceeds <see cref="ApiAuthOptions.MaxBodySize"/>.</summary>
    public async ValueTask<GatewayRequest?> ReadAsync(HttpContext context, bool needsBody)
    {
        var request = context.Request;
        ReadOnlyMemory<byte> body = default;
        if (needsBody && (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0)))
        {
            if (request.ContentLength > options.MaxBodySize)
            {
                return null;
            }
            var buffered = await ReadBodyAsync(request, (int)options.MaxBodySize, context.RequestAborted).ConfigureAwait(false);
            if (buffered is null)
            {
                return null;
            }
            body = buffered;
        }

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + 1);
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
            {
                headers.Add(new(header.Key, value ?? string.Empty));
            }
        }

        var peer = context.Connection.RemoteIpAddress;
        var peerTrusted = _proxies.IsTrusted(peer);
        var infrastructureHeadersTrusted = peerTrusted || _proxies.IsEmpty;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            // Hosts without a raw target (TestServer) get the re-escaped path, the closest thing to the wire form.
            rawTarget = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        var route = context.GetRouteData();
        return new GatewayRequest(request.Method, rawTarget, request.Path.Value ?? "/", headers)
        {
            Body = body,
            SourceIp = _proxies.ClientAddress(peer, request.Headers[options.ForwardedForHeader].ToString()),
            IsSecureTransport = request.IsHttps,
            SourceVpce = infrastructureHeadersTrusted && options.SourceVpceHeader is { } vpce ? NullIfEmpty(request.Headers[vpce].ToString()) : null,
            SourceVpc = infrastructureHeadersTrusted && options.SourceVpcHeader is { } vpc ? NullIfEmpty(request.Headers[vpc].ToString()) : null,
            Query = request.Query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)[.. q.Value.Select(v => v ?? "")], StringComparer.Ordinal),
            PathParameters = route.Values.Where(v => v.Key is not ("controller" or "action")).ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal),
            Resource = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : null,
        };
    }

    // Buffers the body up to the limit, then rewinds it for the application.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)Math.Min(length, limit) : 4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (IOException)
        {
            // EnableBuffering throws once the body passes its limit.
            return null;
        }
        request.Body.Position = 0;
        return buffer.WrittenSpan.ToArray();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
