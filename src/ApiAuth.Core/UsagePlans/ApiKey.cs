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
        Utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        Digest = KeyDigest.Of(Utf8);
    }

    /// <summary>The key's id.</summary>
    public string Id { get; }

    /// <summary>The key's secret value.</summary>
    public string Value { get; }

    /// <summary>Whether requests may use the key.</summary>
    public bool Enabled { get; }

    /// <summary>The names of the usage plans the key belongs to.</summary>
    public IReadOnlyList<string> UsagePlans { get; }

    // The value's bytes and digest, computed once: presented keys are compared against both in constant time.
    internal byte[] Utf8 { get; }

    internal KeyDigest Digest { get; }

    // The key's usage state, remembered on the instance so a configured key skips the enforcer's dictionary; the
    // dictionary stays the one source, so every instance of a key id shares the same counters.
    internal KeyUsage? Usage { get; set; }

    /// <summary>Whether <paramref name="presented"/> (UTF-8, with its digest) is this key's value, in constant time
    /// for a value of the key's length.</summary>
    internal bool Matches(in KeyDigest digest, ReadOnlySpan<byte> presented) =>
        Digest.FixedTimeEquals(digest) & System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Utf8, presented);

    /// <summary>The key's id; never its value.</summary>
    public override string ToString() => Id;
}
