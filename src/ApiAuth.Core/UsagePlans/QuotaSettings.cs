namespace ApiAuth.UsagePlans;

/// <summary>
/// A usage plan's quota (API Gateway's <c>QuotaSettings</c>): at most <see cref="Limit"/> requests per API key in each
/// UTC <see cref="Period"/>; in the initial period, <see cref="Offset"/> requests fewer.
/// </summary>
public sealed record QuotaSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="limit">Requests allowed per period, 0 or more.</param>
    /// <param name="period">DAY, WEEK or MONTH.</param>
    /// <param name="offset">Requests subtracted from the limit in the initial period, from 0 to <paramref name="limit"/>.</param>
    public QuotaSettings(int limit, QuotaPeriod period, int offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (!Enum.IsDefined(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be DAY, WEEK or MONTH.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, limit);
        Limit = limit;
        Period = period;
        Offset = offset;
    }

    /// <summary>Requests allowed per period.</summary>
    public int Limit { get; }

    /// <summary>The period.</summary>
    public QuotaPeriod Period { get; }

    /// <summary>Requests subtracted from the limit in the initial period (the one the plan starts in).</summary>
    public int Offset { get; }
}
