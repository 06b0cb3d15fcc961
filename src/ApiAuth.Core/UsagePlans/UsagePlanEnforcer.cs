using System.Collections.Concurrent;
using System.Collections.Frozen;
using ApiAuth.Gateway;

namespace ApiAuth.UsagePlans;

/// <summary>
/// API keys and usage plans, as API Gateway applies them to a method that requires an API key: the key must exist,
/// be enabled and belong to one of the API's usage plans; then the plan's throttle and quota apply to it. Give it to
/// <see cref="ApiGateway.UsagePlanEnforcer"/>. Thread-safe; counts in this process.
/// </summary>
public sealed class UsagePlanEnforcer
{
    /// <summary>The header API Gateway reads the key from when the source is <see cref="ApiKeySource.Header"/>.</summary>
    public const string ApiKeyHeader = "x-api-key";

    private readonly FrozenDictionary<string, UsagePlan> _plans;
    private readonly InMemoryApiKeyStore _keys;
    private readonly IApiKeyStore? _store;
    private readonly TimeProvider _time;
    private readonly long _startedTicks;
    private readonly ConcurrentDictionary<(string KeyId, string Plan), KeyUsage> _usage = new();

    /// <summary>Creates the enforcer.</summary>
    /// <param name="plans">The API's usage plans; names must be unique.</param>
    /// <param name="keys">Keys known up front (configuration), found first.</param>
    /// <param name="store">Further keys, asked when <paramref name="keys"/> has none; null for none.</param>
    /// <param name="source">Where requests carry their key.</param>
    /// <param name="timeProvider">The clock for throttles and quota periods; null for the system clock.</param>
    public UsagePlanEnforcer(IEnumerable<UsagePlan> plans, IEnumerable<ApiKey> keys, IApiKeyStore? store = null, ApiKeySource source = ApiKeySource.Header, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(keys);
        if (!Enum.IsDefined(source))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, "The API key source must be HEADER or AUTHORIZER.");
        }
        var byName = new Dictionary<string, UsagePlan>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            ArgumentNullException.ThrowIfNull(plan);
            if (!byName.TryAdd(plan.Name, plan))
            {
                throw new ArgumentException($"Two usage plans are named '{plan.Name}'.", nameof(plans));
            }
        }
        _plans = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _keys = new InMemoryApiKeyStore(keys);
        _store = store;
        Source = source;
        _time = timeProvider ?? TimeProvider.System;
        _startedTicks = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>Where requests carry their key.</summary>
    public ApiKeySource Source { get; }

    /// <summary>Checks a presented key for a method, and counts the request against its plan when it is allowed.</summary>
    /// <param name="presented">The key the request carries (header or authorizer), or null.</param>
    /// <param name="httpMethod">The request's HTTP method, for per-method throttles.</param>
    /// <param name="resourcePath">The API resource, e.g. <c>/pets/{id}</c>, for per-method throttles; null when unknown.</param>
    /// <param name="cancellationToken">Cancels a store lookup.</param>
    internal ValueTask<UsageCheck> CheckAsync(string? presented, string httpMethod, string? resourcePath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return ValueTask.FromResult(new UsageCheck(DecisionReason.ApiKeyMissing));
        }
        var digest = KeyDigest.Of(presented);
        if (_keys.Find(digest) is { } known)
        {
            return ValueTask.FromResult(Use(known, digest, httpMethod, resourcePath));
        }
        return _store is null ? ValueTask.FromResult(new UsageCheck(DecisionReason.ApiKeyUnknown)) : FromStoreAsync(presented, digest, httpMethod, resourcePath, cancellationToken);
    }

    private async ValueTask<UsageCheck> FromStoreAsync(string presented, KeyDigest digest, string httpMethod, string? resourcePath, CancellationToken cancellationToken)
    {
        ApiKey? key;
        try
        {
            key = await _store!.FindAsync(presented, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new UsageCheck(DecisionReason.ApiKeyStoreFailure, Detail: $"the API key store threw {exception.GetType().Name}");
        }
        return key is null ? new UsageCheck(DecisionReason.ApiKeyUnknown) : Use(key, digest, httpMethod, resourcePath);
    }

    private UsageCheck Use(ApiKey key, in KeyDigest presented, string httpMethod, string? resourcePath)
    {
        // The deciding comparison is constant-time, whatever matched the key before it.
        if (!key.Digest.FixedTimeEquals(presented))
        {
            return new UsageCheck(DecisionReason.ApiKeyUnknown);
        }
        if (!key.Enabled)
        {
            return new UsageCheck(DecisionReason.ApiKeyDisabled, key);
        }
        UsagePlan? plan = null;
        foreach (var name in key.UsagePlans)
        {
            if (_plans.TryGetValue(name, out var candidate) && !ReferenceEquals(candidate, plan))
            {
                if (plan is not null)
                {
                    // API Gateway lets a key into only one plan per API stage; neither plan may win in silence.
                    return new UsageCheck(DecisionReason.Misconfigured, key, Detail: $"API key '{key.Id}' is in usage plans '{plan.Name}' and '{candidate.Name}' of this API");
                }
                plan = candidate;
            }
        }
        if (plan is null)
        {
            return new UsageCheck(DecisionReason.ApiKeyNotInUsagePlan, key);
        }

        var now = _time.GetUtcNow().UtcTicks;
        var usage = _usage.GetOrAdd((key.Id, plan.Name), static (_, state) => new KeyUsage(state.plan, state.now, state.started), (plan, now, started: _startedTicks));
        return usage.Use(plan.MethodThrottleIndex(httpMethod, resourcePath), now) switch
        {
            UsageVerdict.Allowed => new UsageCheck(DecisionReason.Allow, key, plan),
            UsageVerdict.Throttled => new UsageCheck(DecisionReason.Throttled, key, plan),
            _ => new UsageCheck(DecisionReason.QuotaExceeded, key, plan),
        };
    }
}
