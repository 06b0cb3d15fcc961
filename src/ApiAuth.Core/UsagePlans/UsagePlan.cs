namespace ApiAuth.UsagePlans;

/// <summary>An API Gateway usage plan: a throttle and a quota applied per API key, with per-method throttles.</summary>
public sealed class UsagePlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="name">The plan's name, as API keys list it.</param>
    /// <param name="throttle">The throttle, or null for none.</param>
    /// <param name="quota">The quota, or null for none.</param>
    /// <param name="methodThrottles">Per-method throttles used instead of <paramref name="throttle"/> for their method.</param>
    public UsagePlan(string name, ThrottleSettings? throttle = null, QuotaSettings? quota = null, IEnumerable<MethodThrottle>? methodThrottles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Throttle = throttle;
        Quota = quota;
        MethodThrottles = [.. methodThrottles ?? []];
        foreach (var method in MethodThrottles)
        {
            ArgumentNullException.ThrowIfNull(method);
            ArgumentException.ThrowIfNullOrWhiteSpace(method.HttpMethod);
            ArgumentException.ThrowIfNullOrWhiteSpace(method.ResourcePath);
            ArgumentNullException.ThrowIfNull(method.Throttle);
        }
    }

    /// <summary>The plan's name.</summary>
    public string Name { get; }

    /// <summary>The plan's throttle; null for none.</summary>
    public ThrottleSettings? Throttle { get; }

    /// <summary>The plan's quota; null for none.</summary>
    public QuotaSettings? Quota { get; }

    /// <summary>Per-method throttles.</summary>
    public IReadOnlyList<MethodThrottle> MethodThrottles { get; }

    // The index of the method's own throttle, or -1 for the plan's. A linear scan: plans have few overrides, and it
    // allocates nothing per request.
    internal int MethodThrottleIndex(string httpMethod, string? resourcePath)
    {
        if (resourcePath is null)
        {
            return -1;
        }
        for (var i = 0; i < MethodThrottles.Count; i++)
        {
            var method = MethodThrottles[i];
            if ((string.Equals(method.HttpMethod, httpMethod, StringComparison.OrdinalIgnoreCase) || method.HttpMethod is "*" or "ANY")
                && SameResource(method.ResourcePath, resourcePath))
            {
                return i;
            }
        }
        return -1;
    }

    // Segment by segment: literals ignoring case (as routing matches them), any parameter ({id}, {id:int}, {proxy+},
    // {**path}) for any parameter, so API Gateway's /pets/{id} is ASP.NET Core's /pets/{petId:int}.
    internal static bool SameResource(string configured, string actual)
    {
        var a = configured.AsSpan().Trim('/');
        var b = actual.AsSpan().Trim('/');
        while (true)
        {
            var i = a.IndexOf('/');
            var j = b.IndexOf('/');
            var x = i < 0 ? a : a[..i];
            var y = j < 0 ? b : b[..j];
            var bothParameters = x.StartsWith('{') && y.StartsWith('{');
            if (!bothParameters && !x.Equals(y, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            if (i < 0 || j < 0)
            {
                return i < 0 && j < 0;
            }
            a = a[(i + 1)..];
            b = b[(j + 1)..];
        }
    }
}
