namespace ApiAuth.AspNetCore.Configuration;

/// <summary>A usage plan (<c>ApiAuth:UsagePlans:name</c>): a throttle and a quota applied per API key.</summary>
public sealed class UsagePlanOptions
{
    /// <summary>The plan's throttle; null for none.</summary>
    public ThrottleOptions? Throttle { get; set; }

    /// <summary>The plan's quota; null for none.</summary>
    public QuotaOptions? Quota { get; set; }

    /// <summary>Throttles for single methods by <c>METHOD /path</c> (e.g. <c>POST /pets</c>), used instead of <see cref="Throttle"/>.</summary>
    public IDictionary<string, ThrottleOptions> MethodThrottle { get; } = new Dictionary<string, ThrottleOptions>(StringComparer.OrdinalIgnoreCase);
}
