namespace ApiAuth.AspNetCore.Configuration;

/// <summary>An API key (<c>ApiAuth:ApiKeys:n</c>), as API Gateway's: an id, a secret value, enabled or not, and its usage plans.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The key's id: what logs and the app see; never secret.</summary>
    public string Id { get; set; } = "";

    /// <summary>The key's value, as callers send it in <c>x-api-key</c>; at least 20 characters, as API Gateway requires.</summary>
    public string Value { get; set; } = "";

    /// <summary>Whether requests may use the key. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The names of the <c>ApiAuth:UsagePlans</c> the key belongs to (one per API, as in API Gateway).</summary>
    public IList<string> UsagePlans { get; } = [];
}
