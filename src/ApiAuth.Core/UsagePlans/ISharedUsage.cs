namespace ApiAuth.UsagePlans;

/// <summary>
/// Throttle buckets and quota counters kept outside the process (Redis), so every instance of an app counts against
/// the same numbers. An implementation never throws: when its store fails it answers
/// <see cref="UsageVerdict.Unavailable"/>, and the enforcer falls back or denies as configured.
/// </summary>
internal interface ISharedUsage
{
    /// <summary>Takes a throttle token and counts the request against the quota, atomically, as <see cref="KeyUsage.Use"/> does locally.</summary>
    ValueTask<UsageVerdict> UseAsync(string keyId, UsagePlan plan, int methodIndex, long nowTicks, long startedTicks, CancellationToken cancellationToken);
}
