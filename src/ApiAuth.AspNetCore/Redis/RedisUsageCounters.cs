using System.Globalization;
using ApiAuth.UsagePlans;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ApiAuth.AspNetCore.Redis;

/// <summary>
/// Usage plan throttle buckets and quota counters in Redis, shared by every instance of the app: one Lua script per
/// decision takes the token and counts the request atomically, in one round trip. A Redis error or timeout (the
/// connection string's <c>asyncTimeout</c>) is logged as a Warning, counted in <c>apiauth.redis.failures</c>, and
/// answered <see cref="UsageVerdict.Unavailable"/>: the enforcer then counts locally or denies, as configured.
/// </summary>
internal sealed partial class RedisUsageCounters(IConnectionMultiplexer redis, string prefix, Telemetry.ApiAuthMetrics metrics, ILogger<RedisUsageCounters> logger) : ISharedUsage
{
    // 0 allowed, 1 throttled, 2 quota exceeded. Times are the app's clock (TimeProvider), in milliseconds.
    private const string Script = """
        local now = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local burst = tonumber(ARGV[3])
        if burst >= 0 then
          local b = redis.call('HMGET', KEYS[1], 't', 'n')
          local tokens = tonumber(b[1])
          local last = tonumber(b[2])
          if tokens == nil or last == nil then tokens = burst; last = now end
          if now > last then
            tokens = math.min(burst, tokens + (now - last) * rate / 1000)
            last = now
          end
          local ok = tokens >= 1
          if ok then tokens = tokens - 1 end
          redis.call('HSET', KEYS[1], 't', tostring(tokens), 'n', tostring(last))
          redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
          if not ok then return 1 end
        end
        local limit = tonumber(ARGV[5])
        if limit >= 0 then
          local used = tonumber(redis.call('GET', KEYS[2]) or ARGV[6])
          if used >= limit then return 2 end
          redis.call('SET', KEYS[2], used + 1, 'PX', tonumber(ARGV[7]))
        end
        return 0
        """;

    public async ValueTask<UsageVerdict> UseAsync(string keyId, UsagePlan plan, int methodIndex, long nowTicks, long startedTicks, CancellationToken cancellationToken)
    {
        var throttle = methodIndex < 0 ? plan.Throttle : plan.MethodThrottles[methodIndex].Throttle;
        var quota = plan.Quota;
        var nowMs = nowTicks / TimeSpan.TicksPerMillisecond;
        var (start, end) = quota is null ? (0L, 0L) : QuotaPeriods.Containing(quota.Period, nowTicks);
        // The key id and plan name are the app's own; the period start makes each period its own counter.
        var keyPart = $"{prefix}{{{keyId}}}:{plan.Name}";
        RedisKey[] keys = [$"{keyPart}:t:{(methodIndex < 0 ? "plan" : methodIndex.ToString(CultureInfo.InvariantCulture))}", $"{keyPart}:q:{start}"];
        RedisValue[] values =
        [
            nowMs,
            throttle?.RateLimit ?? 0,
            throttle?.BurstLimit ?? -1,
            // A bucket idle long enough to be full again is forgotten.
            throttle is { RateLimit: > 0 } t ? (long)Math.Min(TimeSpan.FromDays(1).TotalMilliseconds, 1000 + (t.BurstLimit / t.RateLimit * 1000)) : (long)TimeSpan.FromDays(1).TotalMilliseconds,
            quota?.Limit ?? -1,
            // The offset applies in the period the plan started in.
            quota is not null && QuotaPeriods.Containing(quota.Period, startedTicks).Start == start ? quota.Offset : 0,
            // A counter lives until a minute after its period.
            Math.Max(1, ((end - nowTicks) / TimeSpan.TicksPerMillisecond) + 60_000),
        ];
        try
        {
            var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
            return result switch
            {
                0 => UsageVerdict.Allowed,
                1 => UsageVerdict.Throttled,
                2 => UsageVerdict.QuotaExceeded,
                _ => Failed(new InvalidOperationException($"the usage script answered {result}")),
            };
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidCastException or ObjectDisposedException)
        {
            return Failed(exception);
        }
    }

    private UsageVerdict Failed(Exception exception)
    {
        metrics.RecordRedisFailure();
        LogRedisFailed(logger, exception.GetType().Name);
        return UsageVerdict.Unavailable;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Redis did not answer for the usage plan counters ({Error}); OnRedisFailure decides: counting in this process, or 503")]
    private static partial void LogRedisFailed(ILogger logger, string error);
}
