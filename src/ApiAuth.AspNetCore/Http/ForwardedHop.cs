using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ApiAuth.AspNetCore.Http;

/// <summary>
/// Reads one hop of a forwarded-for list as proxies write it: <c>ip</c>, <c>ip:port</c>, <c>[v6]</c>,
/// <c>[v6]:port</c> or a bare IPv6 address, and in RFC 7239 <c>Forwarded</c> form the <c>for=</c> node of an
/// element. Strict on purpose: <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone reads <c>1</c> as
/// 0.0.0.1 and <c>0xc0.0.2.7</c> as 192.0.2.7, forms no proxy writes, so anything else is unreadable.
/// </summary>
internal static class ForwardedHop
{
    /// <summary>Reads an <c>X-Forwarded-For</c>-style hop (already trimmed, not empty).</summary>
    public static bool TryParse(ReadOnlySpan<char> hop, out IPAddress address)
    {
        address = IPAddress.None;
        if (hop.StartsWith('['))
        {
            var close = hop.IndexOf(']');
            if (close < 0 || !TryParseIPv6(hop[1..close], out address))
            {
                return false;
            }
            var rest = hop[(close + 1)..];
            return rest.IsEmpty || (rest[0] == ':' && IsPort(rest[1..]));
        }
        var colon = hop.IndexOf(':');
        if (colon < 0)
        {
            return TryParseIPv4(hop, out address);
        }
        if (hop[(colon + 1)..].Contains(':'))
        {
            // Two colons or more: a bare IPv6 address, which cannot carry a port without brackets.
            return TryParseIPv6(hop, out address);
        }
        return IsPort(hop[(colon + 1)..]) && TryParseIPv4(hop[..colon], out address);
    }

    /// <summary>
    /// Reads the node of an RFC 7239 <c>Forwarded</c> element (<c>for=192.0.2.60;proto=http</c>): exactly one
    /// <c>for</c> parameter, its value optionally quoted. <c>unknown</c> and obfuscated (<c>_hidden</c>) nodes are
    /// not addresses, so they are unreadable.
    /// </summary>
    public static bool TryParseForwardedElement(ReadOnlySpan<char> element, out IPAddress address)
    {
        address = IPAddress.None;
        ReadOnlySpan<char> node = default;
        var found = false;
        foreach (var range in element.Split(';'))
        {
            var pair = element[range].Trim(" \t");
            var equals = pair.IndexOf('=');
            if (equals < 0 || !pair[..equals].Trim(" \t").Equals("for", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (found)
            {
                return false; // a repeated for= is ambiguous
            }
            found = true;
            node = pair[(equals + 1)..].Trim(" \t");
        }
        if (node.Length >= 2 && node[0] == '"' && node[^1] == '"')
        {
            node = node[1..^1];
        }
        // A quoted node holding quotes or escapes is not one a proxy writes.
        return found && !node.IsEmpty && !node.ContainsAny('"', '\\') && TryParse(node, out address);
    }

    // Four decimal octets, no leading zeros (some parsers read them as octal).
    private static bool TryParseIPv4(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> octets = stackalloc byte[4];
        var count = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (count == 4 || part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }
            var value = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }
            octets[count++] = (byte)value;
        }
        if (count != 4)
        {
            return false;
        }
        address = new IPAddress(octets);
        return true;
    }

    // Hex digits, colons and dots (an embedded IPv4 tail) only: no scope id, no brackets, no spaces.
    private static bool TryParseIPv6(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Length is < 2 or > 45 || text.ContainsAnyExcept("0123456789abcdefABCDEF:."))
        {
            return false;
        }
        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        address = parsed;
        return true;
    }

    private static bool IsPort(ReadOnlySpan<char> text) =>
        text.Length is > 0 and <= 5 && !text.ContainsAnyExceptInRange('0', '9')
        && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) <= 65535;
}
