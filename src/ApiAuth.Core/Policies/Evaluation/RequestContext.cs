namespace ApiAuth.Policies.Evaluation;

/// <summary>
/// The condition keys of one request (<c>aws:SourceIp</c>, <c>aws:PrincipalTag/team</c>, ...). Key names compare
/// case-insensitively; a key may have several values. Built once per request, then read without allocating.
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, ContextValue> _values;

    private RequestContext(Dictionary<string, ContextValue> values) => _values = values;

    /// <summary>A context with no keys.</summary>
    public static RequestContext Empty { get; } = new(new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The key names present.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>Builds a context from single-valued keys.</summary>
    /// <param name="values">Key/value pairs; a later pair for the same key (any case) replaces an earlier one.</param>
    /// <returns>The context.</returns>
    public static RequestContext Create(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CreateMultiValued(values.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, [p.Value])));
    }

    /// <summary>Builds a context from multi-valued keys.</summary>
    /// <param name="values">Key/values pairs; a later pair for the same key (any case) replaces an earlier one.</param>
    /// <returns>The context.</returns>
    public static RequestContext CreateMultiValued(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dictionary = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, list) in values)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            ArgumentNullException.ThrowIfNull(list);
            dictionary[key] = new ContextValue([.. list]);
        }
        return new RequestContext(dictionary);
    }

    /// <summary>Wraps a dictionary the caller built and gives up (case-insensitive keys), skipping a copy per request.</summary>
    internal static RequestContext Wrap(Dictionary<string, ContextValue> values) => new(values);

    /// <summary>The values of a key, or an empty list when absent.</summary>
    /// <param name="key">The key name (any case).</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> GetValues(string key) => _values.TryGetValue(key, out var value) ? value.Values : [];

    internal bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ContextValue? value) =>
        _values.TryGetValue(key, out value);

    /// <summary>The single value of a key, for policy variables; multi-valued and absent keys do not resolve.</summary>
    internal bool TryGetSingle(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        if (_values.TryGetValue(key, out var entry) && entry.Values.Length == 1)
        {
            value = entry.Values[0];
            return true;
        }
        value = null;
        return false;
    }
}
