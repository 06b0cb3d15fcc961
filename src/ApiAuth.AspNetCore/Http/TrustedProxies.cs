using System.Net;

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
    /// address in the forwarded chain that is not itself a trusted proxy (what the nearest untrusted hop said); the
    /// peer itself without a chain; null when a hop in that chain is not an IP address.
    /// </summary>
    public IPAddress? ForwardedClient(IPAddress peer, string? forwardedFor)
    {
        if (string.IsNullOrWhiteSpace(forwardedFor))
        {
            return peer;
        }
        var hops = forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                // A hop we cannot read hides the client: no source address (IP conditions then fail closed), never
                // the proxy's own, which an allow for the proxies' network would let through.
                return null;
            }
            if (!IsTrusted(hop))
            {
                return hop;
            }
            peer = hop;
        }
        return peer;
    }
}
