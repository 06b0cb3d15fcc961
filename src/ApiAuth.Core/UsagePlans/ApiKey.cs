namespace ApiAuth.UsagePlans;

/// <summary>An API key: its id (what logs and the app see), its secret value, whether it is enabled, and its usage plans.</summary>
public sealed class ApiKey
{
    /// <summary>Creates a key.</summary>
    /// <param name="id">The key's id; never secret.</param>
    /// <param name="value">The key's value, as callers send it; secret.</param>
    /// <param name="enabled">Whether requests may use it.</param>
    /// <param name="usagePlans">The names of the usage plans it belongs to.</param>
    public ApiKey(string id, string value, bool enabled, IEnumerable<string> usagePlans)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentNullException.ThrowIfNull(usagePlans);
        Id = id;
        Value = value;
        Enabled = enabled;
        UsagePlans = [.. usagePlans];
        Digest = KeyDigest.Of(value);
    }

    /// <summary>The key's id.</summary>
    public string Id { get; }

    /// <summary>The key's secret value.</summary>
    public string Value { get; }

    /// <summary>Whether requests may use the key.</summary>
    public bool Enabled { get; }

    /// <summary>The names of the usage plans the key belongs to.</summary>
    public IReadOnlyList<string> UsagePlans { get; }

    // The value's SHA-256, computed once: presented keys are compared against it in constant time.
    internal KeyDigest Digest { get; }

    /// <summary>The key's id; never its value.</summary>
    public override string ToString() => Id;
}
