namespace ApiAuth.Policies.Evaluation;

/// <summary>The values of one condition key in a request, with addresses pre-parsed for <c>IpAddress</c> conditions.</summary>
internal sealed class ContextValue
{
    public ContextValue(string[] values)
    {
        Values = values;
        Addresses = new IpAddressValue[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            // Parsed once here so that evaluating IP conditions is integer arithmetic.
            IpAddressValue.TryParse(values[i], out Addresses[i]);
        }
    }

    /// <summary>The values; empty for a key present with an empty list.</summary>
    public string[] Values { get; }

    /// <summary>The values read as IP addresses (invalid entries have <see cref="IpAddressValue.IsValid"/> false).</summary>
    public IpAddressValue[] Addresses { get; }
}
