using System.Buffers;
using System.Security.Cryptography;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Gateway;
using ApiAuth.SigV4;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiAuth.AspNetCore.Http;

/// <summary>
/// Translates an <see cref="HttpContext"/> into a <see cref="GatewayRequest"/>: the raw target (never the decoded
/// path) for SigV4, headers as received, the body's hash from a bounded read, the method ARN's path as the route
/// names it, and the source address only from the connection or a trusted proxy (whose header, once read, must
/// give an address: a request is never evaluated without one because a proxy wrote something unreadable).
/// </summary>
internal sealed class GatewayRequestReader(ApiAuthOptions options)
{
    private readonly TrustedProxies _proxies = new(options.TrustedProxies);
    private readonly bool _rfc7239 = string.Equals(options.ForwardedForHeader, "Forwarded", StringComparison.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _stageVariables = new(options.StageVariables, StringComparer.Ordinal);

    /// <summary>
    /// Reads what <paramref name="method"/> needs, or says why it cannot: a body over
    /// <see cref="ApiAuthOptions.MaxBodySize"/>, or a trusted proxy's header that cannot be read.
    /// </summary>
    public async ValueTask<GatewayRequestRead> ReadAsync(HttpContext context, MethodAuthorization method)
    {
        var needsBody = method.Type == AuthorizationType.AwsIam;
        var request = context.Request;

        // The source first: a refusal here costs no body read.
        var peer = context.Connection.RemoteIpAddress;
        var sourceIp = peer;
        string? sourceVpce = null, sourceVpc = null;
        // A trusted peer is never null (IsTrusted says no to null). VPC headers are believed only from a configured
        // trusted proxy (start-up refuses them without one).
        if (_proxies.IsTrusted(peer))
        {
            if (!_proxies.TryFindClient(peer!, request.Headers[options.ForwardedForHeader], _rfc7239, out var client))
            {
                return GatewayRequestRead.Refused(RequestRefusal.SourceAddressUnreadable);
            }
            sourceIp = client;
            if ((options.SourceVpceHeader is { } vpce && !TrustedHeaderValue.TryRead(request.Headers[vpce], out sourceVpce))
                || (options.SourceVpcHeader is { } vpc && !TrustedHeaderValue.TryRead(request.Headers[vpc], out sourceVpc)))
            {
                return GatewayRequestRead.Refused(RequestRefusal.SourceVpcUnreadable);
            }
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            // Hosts without a raw target (TestServer) get the re-escaped path, the closest thing to the wire form.
            rawTarget = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        string? payloadHash = null;
        // Hash the body only for requests that claim a signature, as the verifier reads the claim: an unsigned request
        // is refused without reading it. Whether a body exists comes from the server (HTTP/2 and HTTP/3 bodies need no
        // Content-Length).
        if (needsBody && SigV4Verifier.ClaimsSignature(rawTarget, request.Headers.Authorization.Count > 0) && CanHaveBody(context))
        {
            if (request.ContentLength > options.MaxBodySize)
            {
                return GatewayRequestRead.Refused(RequestRefusal.BodyTooLarge);
            }
            payloadHash = await HashBodyAsync(request, (int)options.MaxBodySize, context.RequestAborted).ConfigureAwait(false);
            if (payloadHash is null)
            {
                return GatewayRequestRead.Refused(RequestRefusal.BodyTooLarge);
            }
        }

        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + 1);
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
            {
                headers.Add(new(header.Key, value ?? string.Empty));
            }
        }

        var endpoint = context.GetEndpoint() as RouteEndpoint;
        // Resource, query, route values and stage variables feed REQUEST authorizers only; other methods skip building them.
        var custom = method.Type == AuthorizationType.Custom;
        return new(new GatewayRequest(request.Method, rawTarget, ResourcePath.For(request.Path.Value ?? "/", endpoint?.RoutePattern), headers)
        {
            PayloadHash = payloadHash,
            SourceIp = sourceIp,
            IsSecureTransport = request.IsHttps,
            SourceVpce = sourceVpce,
            SourceVpc = sourceVpc,
            // Per-method usage plan throttles match on the resource too.
            Resource = (custom || method.ApiKeyRequired) && endpoint?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : null,
            Query = custom ? Query(request) : GatewayRequest.NoQuery,
            PathParameters = custom ? RouteValues(context) : GatewayRequest.NoValues,
            StageVariables = custom ? _stageVariables : GatewayRequest.NoValues,
        }, RequestRefusal.None);
    }

    // Names compare exactly, as in API Gateway: ASP.NET's Request.Query ignores case and would merge key and KEY.
    private static Dictionary<string, IReadOnlyList<string>> Query(HttpRequest request)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(request.QueryString.Value))
        {
            var name = pair.DecodeName().ToString();
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            list.Add(pair.DecodeValue().ToString());
        }
        return values.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.Ordinal);
    }

    private static Dictionary<string, string> RouteValues(HttpContext context) =>
        context.GetRouteData().Values.Where(v => v.Key is not ("controller" or "action"))
            .ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);

    private static bool CanHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
        ?? (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0);

    // Hashes the body while reading it once, up to the limit, and rewinds it for the application.
    private static async Task<string?> HashBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return null;
                }
                hash.AppendData(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // EnableBuffering throws once the body passes its limit.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
