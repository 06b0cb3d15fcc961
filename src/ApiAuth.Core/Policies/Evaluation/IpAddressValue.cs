using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ApiAuth.Policies.Evaluation;

/// <summary>
/// An IPv4 or IPv6 address as a 128-bit number, parsed once per request so that <c>IpAddress</c> conditions
/// compare integers without allocating.
/// </summary>
internal readonly record struct IpAddressValue(bool IsValid, bool IsV6, UInt128 Bits)
{
    /// <summary>
    /// Parses strictly: IPv4 only as four decimal octets without leading zeros (so <c>010.1.1.1</c>, <c>1</c> or
    /// <c>0x7f.1</c> — which <see cref="IPAddress.TryParse(string, out IPAddress)"/> would read as other addresses —
    /// are rejected), IPv6 by the framework parser without a scope id.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpAddressValue value)
    {
        value = default;
        if (text.Contains(':'))
        {
            if (text.Contains('%') || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
            Span<byte> bytes = stackalloc byte[16];
            if (!address.TryWriteBytes(bytes, out _))
            {
                return false;
            }
            value = new IpAddressValue(true, true, BinaryPrimitives.ReadUInt128BigEndian(bytes));
            return true;
        }
        uint bits = 0;
        var octets = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.')
            {
                continue;
            }
            var octet = text[start..i];
            if (octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0') || !uint.TryParse(octet, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number > 255)
            {
                return false;
            }
            bits = (bits << 8) | number;
            octets++;
            start = i + 1;
        }
        if (octets != 4)
        {
            return false;
        }
        value = new IpAddressValue(true, false, bits);
        return true;
    }
}
