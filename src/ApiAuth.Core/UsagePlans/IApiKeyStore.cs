namespace ApiAuth.UsagePlans;

/// <summary>
/// Where API keys come from besides configuration: a database, a secrets service. The gateway checks the key a store
/// returns against the presented value itself, in constant time, so a store that matches loosely cannot let a wrong
/// key through.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Finds the key whose value is <paramref name="value"/>.</summary>
    /// <param name="value">The value the caller presented.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The key, or null when there is none. A store that throws denies the request.</returns>
    ValueTask<ApiKey?> FindAsync(string value, CancellationToken cancellationToken);
}
