namespace ApiAuth.UsagePlans;

/// <summary>One API key's throttle buckets and quota counter under one usage plan; one lock guards them all.</summary>
internal sealed class KeyUsage
{
    private readonly Lock _lock = new();
    private readonly TokenBucket? _bucket;
    private readonly TokenBucket?[] _methodBuckets;
    private readonly QuotaCounter? _quota;

    /// <param name="plan">The plan.</param>
    /// <param name="nowTicks">Now, in UTC ticks: buckets start full.</param>
    /// <param name="startedTicks">When the gateway started, in UTC ticks: the quota's offset applies in that period.</param>
    public KeyUsage(UsagePlan plan, long nowTicks, long startedTicks)
    {
        Plan = plan;
        _bucket = plan.Throttle is { } throttle ? new TokenBucket(throttle, nowTicks) : null;
        _methodBuckets = new TokenBucket?[plan.MethodThrottles.Count];
        _quota = plan.Quota is { } quota ? new QuotaCounter(quota, QuotaPeriods.Containing(quota.Period, startedTicks).Start) : null;
    }

    public UsagePlan Plan { get; }

    /// <summary>Takes a throttle token (the method's bucket when the plan has one for it), then counts the request
    /// against the quota. A throttled request is not counted.</summary>
    public UsageVerdict Use(int methodIndex, long nowTicks)
    {
        lock (_lock)
        {
            var bucket = methodIndex < 0 ? _bucket : _methodBuckets[methodIndex] ??= new TokenBucket(Plan.MethodThrottles[methodIndex].Throttle, nowTicks);
            if (bucket is not null && !bucket.TryTake(nowTicks))
            {
                return UsageVerdict.Throttled;
            }
            if (_quota is not null && !_quota.TryCount(nowTicks))
            {
                return UsageVerdict.QuotaExceeded;
            }
            return UsageVerdict.Allowed;
        }
    }
}

/// <summary>What a key's usage plan says about one request.</summary>
internal enum UsageVerdict
{
    Allowed,
    Throttled,
    QuotaExceeded,

    /// <summary>The shared store could not answer.</summary>
    Unavailable,
}
