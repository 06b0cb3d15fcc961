using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// Where a JWT authorizer's signing keys come from: a JWKS document held in memory (from a file, for offline use and
/// tests) or fetched from an HTTPS endpoint and cached.
/// </summary>
public abstract class JwksSource
{
    /// <summary>A fetched key set is refreshed after this long, even when every token's <c>kid</c> is known.</summary>
    public static readonly TimeSpan MaximumKeyAge = TimeSpan.FromHours(1);

    /// <summary>Fetches of a JWKS endpoint are at least this far apart, so unknown-<c>kid</c> floods cannot hammer it.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(10);

    private protected JwksSource()
    {
    }

    /// <summary>Keys from a JWKS document.</summary>
    /// <param name="json">The JWKS JSON (<c>{"keys":[...]}</c>).</param>
    /// <returns>A source that never changes.</returns>
    /// <exception cref="ArgumentException">The document is not a usable JWKS.</exception>
    public static JwksSource FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!JwksParser.TryParse(json, out var keys, out var error))
        {
            throw new ArgumentException(error, nameof(json));
        }

        return new StaticJwksSource(keys);
    }

    /// <summary>Keys from a JWKS file, read once.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>A source that never changes.</returns>
    /// <exception cref="ArgumentException">The file is not a usable JWKS.</exception>
    public static JwksSource FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!JwksParser.TryParse(File.ReadAllText(path), out var keys, out var error))
        {
            throw new ArgumentException($"{path}: {error}", nameof(path));
        }

        return new StaticJwksSource(keys);
    }

    /// <summary>
    /// Keys fetched from a JWKS endpoint: on first use, again after <see cref="MaximumKeyAge"/>, and when
    /// a token names an unknown <c>kid</c> — at most once per <see cref="MinimumRefreshInterval"/>,
    /// whatever the traffic. When a fetch fails, the last good keys stay in use.
    /// </summary>
    /// <param name="jwksUri">The endpoint, e.g. <c>https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/jwks.json</c>;
    /// HTTPS, or plain HTTP to a loopback address (local development and tests).</param>
    /// <param name="httpClient">The client to fetch with (owned by the caller).</param>
    /// <param name="timeProvider">The clock for refresh intervals.</param>
    /// <param name="meter">The <c>ApiAuth</c> meter to count fetches on, e.g. from <c>IMeterFactory.Create("ApiAuth")</c>;
    /// null for a process-wide one.</param>
    /// <param name="logger">Where a failed fetch is logged (at Warning, with the URL and the HTTP status or exception); null for none.</param>
    /// <returns>A source that refreshes itself.</returns>
    /// <exception cref="ArgumentException">The URI is not absolute HTTPS (or HTTP to loopback).</exception>
    public static JwksSource FromUri(Uri jwksUri, HttpClient httpClient, TimeProvider timeProvider, Meter? meter = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(jwksUri);
        // Keys fetched over plain HTTP could be swapped by anyone on the path, and then every token they sign passes.
        if (!jwksUri.IsAbsoluteUri || !(jwksUri.Scheme == Uri.UriSchemeHttps || (jwksUri.Scheme == Uri.UriSchemeHttp && jwksUri.IsLoopback)))
        {
            throw new ArgumentException($"JWKS URI '{jwksUri}' must be https:// (plain http:// only to a loopback address).", nameof(jwksUri));
        }

        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new HttpJwksSource(jwksUri, httpClient, timeProvider, AuthorizerMetrics.For(meter), logger ?? NullLogger.Instance);
    }

    /// <summary>
    /// Keys from several sources, looked up by <c>kid</c> in order: the first source that holds the <c>kid</c> answers
    /// (a token's <c>kid</c> still picks exactly one key; keys are never tried one after another). For a key rotation
    /// spread over two files, or a test kit's keys beside the issuer's (ApiAuth.Testing).
    /// </summary>
    /// <param name="sources">The sources, at least one.</param>
    /// <returns>A source that asks each in turn; when none holds the <c>kid</c>, the last one's reason is reported.</returns>
    /// <exception cref="ArgumentException">No sources, or a null one.</exception>
    public static JwksSource Combine(params JwksSource[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Length == 0 || sources.Any(s => s is null))
        {
            throw new ArgumentException("Combine needs at least one source, none of them null.", nameof(sources));
        }

        return sources.Length == 1 ? sources[0] : new CombinedJwksSource([.. sources]);
    }

    /// <summary>Finds the signing key with this <c>kid</c>, refreshing the keys if the source can.</summary>
    internal abstract ValueTask<JwksKeyLookup> FindKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="key"/>, found earlier for <paramref name="keyId"/>, is still that <c>kid</c>'s key in the
    /// current, fresh key set. Never fetches: a cached result asks this on every hit, so a refresh that drops or
    /// replaces a key (or keys grown stale) sends its tokens back to full validation.
    /// </summary>
    internal abstract bool StillHolds(string keyId, Microsoft.IdentityModel.Tokens.JsonWebKey key);
}
