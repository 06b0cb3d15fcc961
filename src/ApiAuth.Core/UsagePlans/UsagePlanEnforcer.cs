using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
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

    /// <summary>Shared counters (Redis); null to count in this process only.</summary>
    internal ISharedUsage? SharedUsage { get; init; }

    /// <summary>When <see cref="SharedUsage"/> fails: true answers 503, false counts in this process instead.</summary>
    internal bool DenyWhenSharedUnavailable { get; init; }

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
        if (Encoding.UTF8.GetMaxByteCount(presented.Length) > KeyDigest.MaxStackBytes)
        {
            // Longer than any key worth a stack buffer: the slow path, still complete.
            return CheckByValueAsync(presented, httpMethod, resourcePath, cancellationToken);
        }
        Span<byte> utf8 = stackalloc byte[KeyDigest.MaxStackBytes];
        utf8 = utf8[..Encoding.UTF8.GetBytes(presented, utf8)];
        var digest = KeyDigest.Of(utf8);
        if (_keys.Find(digest) is { } known)
        {
            if (!known.Matches(digest, utf8))
            {
                return ValueTask.FromResult(new UsageCheck(DecisionReason.ApiKeyUnknown));
            }
            var check = Use(known, httpMethod, resourcePath);
            return check.Reason == DecisionReason.Allow && SharedUsage is not null ? UseSharedAsync(check, httpMethod, resourcePath, cancellationToken) : ValueTask.FromResult(check);
        }
        return _store is null ? ValueTask.FromResult(new UsageCheck(DecisionReason.ApiKeyUnknown)) : CheckByValueAsync(presented, httpMethod, resourcePath, cancellationToken);
    }

    private async ValueTask<UsageCheck> CheckByValueAsync(string presented, string httpMethod, string? resourcePath, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        var digest = KeyDigest.Of(bytes);
        if (_keys.Find(digest) is { } known)
        {
            return known.Matches(digest, bytes) ? await UseSharedAsync(Use(known, httpMethod, resourcePath), httpMethod, resourcePath, cancellationToken).ConfigureAwait(false) : new UsageCheck(DecisionReason.ApiKeyUnknown);
        }
        if (_store is null)
        {
            return new UsageCheck(DecisionReason.ApiKeyUnknown);
        }
        ApiKey? key;
        try
        {
            key = await _store!.FindAsync(presented, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new UsageCheck(DecisionReason.ApiKeyStoreFailure, Detail: $"the API key store threw {exception.GetType().Name}");
        }
        // The deciding comparison is the gateway's own, in constant time, whatever matched the key in the store.
        return key is null || !key.Matches(digest, bytes) ? new UsageCheck(DecisionReason.ApiKeyUnknown) : await UseSharedAsync(Use(key, httpMethod, resourcePath), httpMethod, resourcePath, cancellationToken).ConfigureAwait(false);
    }

    // With shared counters, Use has only checked the key and found its plan (Allow = "counting is next"); the
    // shared store counts, and the local counters count only when it fails and the fallback is configured.
    private async ValueTask<UsageCheck> UseSharedAsync(UsageCheck check, string httpMethod, string? resourcePath, CancellationToken cancellationToken)
    {
        if (SharedUsage is null || check.Reason != DecisionReason.Allow)
        {
            return check;
        }
        var key = check.Key!;
        var plan = check.Plan!;
        var methodIndex = plan.MethodThrottleIndex(httpMethod, resourcePath);
        var verdict = await SharedUsage.UseAsync(key.Id, plan, methodIndex, _time.GetUtcNow().UtcTicks, _startedTicks, cancellationToken).ConfigureAwait(false);
        if (verdict == UsageVerdict.Unavailable)
        {
            if (DenyWhenSharedUnavailable)
            {
                return check with { Reason = DecisionReason.UsageCountersUnavailable };
            }
            verdict = Local(key, plan).Use(methodIndex, _time.GetUtcNow().UtcTicks);
        }
        return FromVerdict(verdict, key, plan);
    }

    private static UsageCheck FromVerdict(UsageVerdict verdict, ApiKey key, UsagePlan plan) => verdict switch
    {
        UsageVerdict.Allowed => new UsageCheck(DecisionReason.Allow, key, plan),
        UsageVerdict.Throttled => new UsageCheck(DecisionReason.Throttled, key, plan),
        _ => new UsageCheck(DecisionReason.QuotaExceeded, key, plan),
    };

    private KeyUsage Local(ApiKey key, UsagePlan plan)
    {
        if (key.Usage is not { } usage || !ReferenceEquals(usage.Plan, plan))
        {
            var now = _time.GetUtcNow().UtcTicks;
            usage = key.Usage = _usage.GetOrAdd((key.Id, plan.Name), static (_, state) => new KeyUsage(state.plan, state.now, state.started), (plan, now, started: _startedTicks));
        }
        return usage;
    }

    private UsageCheck Use(ApiKey key, string httpMethod, string? resourcePath)
    {
        if (!key.Enabled)
        {
            return new UsageCheck(DecisionReason.ApiKeyDisabled, key);
        }
        UsagePlan? plan = null;
        // An indexed loop: foreach over the interface would allocate an enumerator per request.
        for (var i = 0; i < key.UsagePlans.Count; i++)
        {
            if (_plans.TryGetValue(key.UsagePlans[i], out var candidate) && !ReferenceEquals(candidate, plan))
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

        if (SharedUsage is not null)
        {
            // Counted by UseSharedAsync.
            return new UsageCheck(DecisionReason.Allow, key, plan);
        }
        var usage = Local(key, plan);
        return FromVerdict(usage.Use(plan.MethodThrottleIndex(httpMethod, resourcePath), _time.GetUtcNow().UtcTicks), key, plan);
    }
}
