namespace ApiAuth.Policies.Evaluation;

/// <summary>The values of one condition key in a request, read as IP addresses the first time an <c>IpAddress</c> condition asks.</summary>
internal sealed class ContextValue(string[] values)
{
    private IpAddressValue[]? _addresses;

    /// <summary>The values; empty for a key present with an empty list.</summary>
    public string[] Values { get; } = values;

    /// <summary>The values read as IP addresses (invalid entries have <see cref="IpAddressValue.IsValid"/> false).</summary>
    /// <remarks>
    /// Parsed on first use, since most keys (user agent, time, tags) never meet an IP condition. Parsing is a pure
    /// function of the values, so two threads racing here compute equal arrays; the first one published wins.
    /// </remarks>
    public IpAddressValue[] Addresses => Volatile.Read(ref _addresses) ?? Publish();

    private IpAddressValue[] Publish()
    {
        var parsed = Parse(Values);
        return Interlocked.CompareExchange(ref _addresses, parsed, null) ?? parsed;
    }

    private static IpAddressValue[] Parse(string[] values)
    {
        var addresses = new IpAddressValue[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            IpAddressValue.TryParse(values[i], out addresses[i]);
        }
        return addresses;
    }
}
