using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A CIDR block (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>) or a bare address (one host). The mask is built so that
/// <c>/0</c> is all-zero — never by shifting by the full width, which in C# shifts by zero.
/// </summary>
internal readonly record struct IpRange(bool IsV6, UInt128 Network, UInt128 Mask)
{
    /// <summary>Whether the address is inside the block; IPv4 never matches an IPv6 block or the reverse.</summary>
    public bool Contains(in IpAddressValue address) =>
        address.IsValid && address.IsV6 == IsV6 && (address.Bits & Mask) == Network;

    /// <summary>Parses a CIDR block or bare address; host bits below the prefix are ignored, as AWS does.</summary>
    public static bool TryParse(string text, out IpRange range)
    {
        range = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (!IpAddressValue.TryParse(addressText, out var address))
        {
            return false;
        }
        var width = address.IsV6 ? 128 : 32;
        var prefix = width;
        if (slash >= 0)
        {
            var prefixText = text.AsSpan(slash + 1);
            if (prefixText.Length is 0 or > 3 || (prefixText.Length > 1 && prefixText[0] == '0')
                || !int.TryParse(prefixText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)
                || prefix > width)
            {
                return false;
            }
        }
        var mask = prefix == 0 ? UInt128.Zero : (address.IsV6 ? UInt128.MaxValue : uint.MaxValue) << (width - prefix);
        if (!address.IsV6)
        {
            mask &= uint.MaxValue;
        }
        range = new IpRange(address.IsV6, address.Bits & mask, mask);
        return true;
    }
}
