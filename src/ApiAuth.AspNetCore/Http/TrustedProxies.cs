using System.Net;
using Microsoft.Extensions.Primitives;

namespace ApiAuth.AspNetCore.Http;

/// <summary>
/// Which peers may speak for the client: only their forwarded-for header is believed for <c>aws:SourceIp</c>,
/// and only they (when any are configured) may supply the VPC endpoint headers.
/// </summary>
internal sealed class TrustedProxies
{
    private readonly IPNetwork[] _ranges;

    public TrustedProxies(IEnumerable<string> ranges) =>
        _ranges = [.. ranges.Select(range => TryParseRange(range, out var network) ? network : throw new ArgumentException($"'{range}' is not an IP address or CIDR range."))];

    public static bool TryParseRange(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }

    public bool IsTrusted(IPAddress? peer)
    {
        if (peer is null)
        {
            return false;
        }
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        foreach (var range in _ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The client behind a trusted proxy (<see cref="IsTrusted"/> said yes for <paramref name="peer"/>): the right-most
    /// hop of the forwarded chain that is not itself a trusted proxy (what the nearest untrusted hop said), or the
    /// left-most hop when every hop is trusted; the peer itself when the header is absent. False when the hops that
    /// decide cannot be read, or the header is present but names no hop: the caller must then refuse the request,
    /// since a policy evaluated without <c>aws:SourceIp</c> never applies an IP Deny, and the proxy's own address
    /// would pass an Allow meant for the proxies' network. Hops left of the client are not read: anyone may write them.
    /// </summary>
    /// <param name="peer">The connection's address, a trusted proxy.</param>
    /// <param name="header">Every line of the forwarded-for header, in order (HTTP joins repeated lines with commas).</param>
    /// <param name="rfc7239">Whether the header is RFC 7239 <c>Forwarded</c> (<c>for=</c> nodes) rather than a plain list.</param>
    /// <param name="client">The client's address when the result is true.</param>
    public bool TryFindClient(IPAddress peer, StringValues header, bool rfc7239, out IPAddress client)
    {
        client = peer;
        if (header.Count == 0)
        {
            return true;
        }
        var list = (header.Count == 1 ? header[0] : header.ToString()).AsSpan();
        var sawHop = false;
        // Right to left without splitting the whole list: only the hops up to the first untrusted one are looked at.
        while (true)
        {
            var comma = list.LastIndexOf(',');
            var element = list[(comma + 1)..].Trim(" \t");
            list = comma < 0 ? [] : list[..comma];
            // Empty list elements are allowed by HTTP's list syntax (RFC 9110 §5.6.1) and carry nothing.
            if (!element.IsEmpty)
            {
                sawHop = true;
                var readable = rfc7239 ? ForwardedHop.TryParseForwardedElement(element, out var hop) : ForwardedHop.TryParse(element, out hop);
                if (!readable)
                {
                    return false;
                }
                client = hop.IsIPv4MappedToIPv6 ? hop.MapToIPv4() : hop;
                if (!IsTrusted(client))
                {
                    return true;
                }
            }
            if (comma < 0)
            {
                return sawHop;
            }
        }
    }
}
