namespace ApiAuth.AspNetCore.Configuration;

/// <summary>A quota: at most <see cref="Limit"/> requests per key in each UTC <see cref="Period"/>.</summary>
public sealed class QuotaOptions
{
    /// <summary>Requests allowed per period.</summary>
    public int Limit { get; set; }

    /// <summary><c>DAY</c>, <c>WEEK</c> (from Sunday) or <c>MONTH</c>, in UTC.</summary>
    public string Period { get; set; } = "";

    /// <summary>Requests subtracted from the limit in the initial period (the one the app starts in).</summary>
    public int Offset { get; set; }
}
