using System.Collections.Frozen;
using System.Text.Json;
using System.Text;
using ApiAuth.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// A JWKS fetched over HTTP and cached. Written here rather than on Microsoft.IdentityModel's
/// <c>ConfigurationManager</c>: since 8.0.2 that one refreshes in the background (AzureAD/azure-activedirectory-
/// identitymodel-extensions-for-dotnet issues #3082, #3192), so the request that meets a rotated <c>kid</c> cannot wait
/// for the new keys, and its refresh interval runs on <c>DateTimeOffset.UtcNow</c> rather than a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HttpJwksSource(Uri jwksUri, HttpClient httpClient, TimeProvider timeProvider, AuthorizerMetrics metrics, ILogger logger) : JwksSource
{
    /// <summary>A JWKS larger than this is refused (Cognito's is about 1 KB).</summary>
    internal const int MaximumDocumentBytes = 256 * 1024;

    /// <summary>How long one fetch may take.</summary>
    internal static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _refreshLock = new();
    private volatile Snapshot? _snapshot;
    private DateTimeOffset? _lastAttempt;
    private Task _refresh = Task.CompletedTask;

    internal override async ValueTask<JwksKeyLookup> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && !IsStale(snapshot) && snapshot.Keys.TryGetValue(keyId, out var fresh))
        {
            return JwksKeyLookup.Found(fresh);
        }

        await RefreshAsync().WaitAsync(cancellationToken).ConfigureAwait(false);

        // Stale or not, the last good keys are what we have: a failed refresh must not lock every caller out.
        snapshot = _snapshot;
        return snapshot is null ? JwksKeyLookup.Missing(DecisionReason.NoSigningKeys)
            : snapshot.Keys.TryGetValue(keyId, out var key) ? JwksKeyLookup.Found(key)
            : JwksKeyLookup.Missing(DecisionReason.UnknownKeyId);
    }

    // A refetched set holds new key objects, so results cached under the old set revalidate once against the new one.
    internal override bool StillHolds(string keyId, JsonWebKey key) =>
        _snapshot is { } snapshot && !IsStale(snapshot) && snapshot.Keys.TryGetValue(keyId, out var current) && ReferenceEquals(current, key);

    private bool IsStale(Snapshot snapshot) => timeProvider.GetUtcNow() - snapshot.FetchedAt >= MaximumKeyAge;

    /// <summary>
    /// Joins the fetch in progress, or starts one if the last began at least <see cref="JwksSource.MinimumRefreshInterval"/>
    /// ago, or does nothing. Callers share the fetch, so one caller's cancellation never aborts it for the others.
    /// </summary>
    private Task RefreshAsync()
    {
        lock (_refreshLock)
        {
            var now = timeProvider.GetUtcNow();
            if (!_refresh.IsCompleted || (_lastAttempt is { } last && now - last < MinimumRefreshInterval))
            {
                return _refresh;
            }

            _lastAttempt = now;
            _refresh = Task.Run(FetchAndStoreAsync);
            return _refresh;
        }
    }

    private async Task FetchAndStoreAsync()
    {
        var keys = await FetchAsync().ConfigureAwait(false);
        metrics.JwksFetches.Add(1, new KeyValuePair<string, object?>("result", keys is null ? "failure" : "success"));
        if (keys is not null)
        {
            _snapshot = new Snapshot(keys, timeProvider.GetUtcNow());
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed fetch keeps the last good keys; callers must never see it throw.")]
    private async Task<FrozenDictionary<string, JsonWebKey>?> FetchAsync()
    {
        using var timeout = new CancellationTokenSource(FetchTimeout, timeProvider);
        try
        {
            using var response = await httpClient.GetAsync(jwksUri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                AuthorizerLog.JwksFetchStatus(logger, jwksUri, (int)response.StatusCode);
                return null;
            }
            var json = response.Content.Headers.ContentLength > MaximumDocumentBytes ? null : await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (json is null)
            {
                AuthorizerLog.JwksFetchRefused(logger, jwksUri, $"the document is larger than {MaximumDocumentBytes} bytes");
                return null;
            }
            if (!JwksParser.TryParse(json, out var keys, out var problem))
            {
                AuthorizerLog.JwksFetchRefused(logger, jwksUri, problem);
                return null;
            }
            return keys;
        }
        catch (Exception exception)
        {
            AuthorizerLog.JwksFetchThrew(logger, jwksUri, exception);
            // Every caller awaits this fetch: it must end in "no new keys", never in an exception, whatever the
            // caller's HttpClient pipeline (retry or circuit-breaker handlers included) throws.
            return null;
        }
    }

    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaximumDocumentBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    private sealed record Snapshot(FrozenDictionary<string, JsonWebKey> Keys, DateTimeOffset FetchedAt);
}
