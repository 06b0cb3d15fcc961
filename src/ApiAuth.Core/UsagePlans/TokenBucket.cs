namespace ApiAuth.UsagePlans;

/// <summary>
/// API Gateway's throttle algorithm: a bucket of <see cref="ThrottleSettings.BurstLimit"/> tokens, full at first,
/// refilled at <see cref="ThrottleSettings.RateLimit"/> tokens per second; a request takes one or is throttled.
/// Not thread-safe: its owner holds a lock.
/// </summary>
internal sealed class TokenBucket(ThrottleSettings settings, long nowTicks)
{
    private double _tokens = settings.BurstLimit;
    private long _lastTicks = nowTicks;

    public bool TryTake(long nowTicks)
    {
        // A clock that steps back never mints tokens.
        if (nowTicks > _lastTicks)
        {
            _tokens = Math.Min(settings.BurstLimit, _tokens + ((nowTicks - _lastTicks) * settings.RateLimit / TimeSpan.TicksPerSecond));
            _lastTicks = nowTicks;
        }
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return true;
        }
        return false;
    }
}
