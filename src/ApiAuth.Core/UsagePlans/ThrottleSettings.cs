namespace ApiAuth.UsagePlans;

/// <summary>
/// A usage plan's throttle: a token bucket per API key that holds at most <see cref="BurstLimit"/> requests and
/// refills at <see cref="RateLimit"/> requests per second (API Gateway's <c>ThrottleSettings</c>).
/// </summary>
public sealed record ThrottleSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="rateLimit">Steady-state requests per second, 0 or more.</param>
    /// <param name="burstLimit">The bucket's capacity, 0 or more (0 throttles every request).</param>
    public ThrottleSettings(double rateLimit, int burstLimit)
    {
        if (!double.IsFinite(rateLimit) || rateLimit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rateLimit), rateLimit, "The rate limit must be a finite number of requests per second, 0 or more.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(burstLimit);
        RateLimit = rateLimit;
        BurstLimit = burstLimit;
    }

    /// <summary>Steady-state requests per second.</summary>
    public double RateLimit { get; }

    /// <summary>The most requests allowed at once (the bucket's capacity).</summary>
    public int BurstLimit { get; }
}
