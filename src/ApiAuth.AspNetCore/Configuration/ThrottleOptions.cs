namespace ApiAuth.AspNetCore.Configuration;

/// <summary>A throttle: a token bucket of <see cref="BurstLimit"/> requests refilled at <see cref="RateLimit"/> per second.</summary>
public sealed class ThrottleOptions
{
    /// <summary>Steady-state requests per second.</summary>
    public double RateLimit { get; set; }

    /// <summary>The most requests at once.</summary>
    public int BurstLimit { get; set; }
}
