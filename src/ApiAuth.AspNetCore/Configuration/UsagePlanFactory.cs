using ApiAuth.AspNetCore.Routing;
using ApiAuth.UsagePlans;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Builds the API keys and usage plans from <see cref="ApiAuthOptions"/> (and an <see cref="IApiKeyStore"/> from DI) at
/// start-up, so a plan a key names but nobody defined, or a key too short to be a secret, stops the app.
/// </summary>
internal static class UsagePlanFactory
{
    // API Gateway refuses imported key values shorter than 20 characters.
    private const int MinimumKeyLength = 20;

    /// <returns>The enforcer, or null when the API has neither keys, plans nor a store.</returns>
    /// <param name="options">The settings.</param>
    /// <param name="store">The app's key store, or null.</param>
    /// <param name="shared">Shared counters (Redis), or null.</param>
    /// <param name="time">The clock.</param>
    /// <param name="errors">Where problems go.</param>
    public static UsagePlanEnforcer? Create(ApiAuthOptions options, IApiKeyStore? store, ISharedUsage? shared, TimeProvider time, List<string> errors)
    {
        bool? deny = options.OnRedisFailure.Trim().ToUpperInvariant() switch
        {
            "LOCALFALLBACK" => false,
            "DENY" => true,
            _ => null,
        };
        if (deny is null)
        {
            errors.Add($"ApiAuth:OnRedisFailure must be LocalFallback or Deny, got '{options.OnRedisFailure}'.");
        }
        var source = options.ApiKeySource.Trim().ToUpperInvariant() switch
        {
            "HEADER" => ApiKeySource.Header,
            "AUTHORIZER" => ApiKeySource.Authorizer,
            _ => (ApiKeySource?)null,
        };
        if (source is null)
        {
            errors.Add($"ApiAuth:ApiKeySource must be HEADER or AUTHORIZER, got '{options.ApiKeySource}'.");
        }

        var plans = new List<UsagePlan>();
        foreach (var (name, plan) in options.UsagePlans)
        {
            if (Plan(name, plan, errors) is { } built)
            {
                plans.Add(built);
            }
        }

        var keys = new List<ApiKey>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var entry = options.ApiKeys[i];
            var where = $"ApiAuth:ApiKeys:{i}";
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                errors.Add($"{where}:Id is required.");
            }
            else if (!ids.TryAdd(entry.Id, i))
            {
                errors.Add($"{where}:Id '{entry.Id}' is also the id of ApiAuth:ApiKeys:{ids[entry.Id]}.");
            }
            // The message never quotes the value: it is a secret.
            if (entry.Value.Length < MinimumKeyLength)
            {
                errors.Add($"{where}:Value must be at least {MinimumKeyLength} characters, as API Gateway requires.");
            }
            var ofThisApi = entry.UsagePlans.Where(options.UsagePlans.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            foreach (var missing in entry.UsagePlans.Where(p => !options.UsagePlans.ContainsKey(p)))
            {
                errors.Add($"{where}:UsagePlans names '{missing}', which is not an entry of ApiAuth:UsagePlans.");
            }
            if (ofThisApi.Count > 1)
            {
                errors.Add($"{where}:UsagePlans names {string.Join(" and ", ofThisApi)}: a key belongs to one usage plan of an API, as in API Gateway.");
            }
            if (errors.Count == before)
            {
                keys.Add(new ApiKey(entry.Id, entry.Value, entry.Enabled, entry.UsagePlans));
            }
        }

        if (keys.Count == 0 && store is null && options.UsagePlans.Count == 0 && options.ApiKeys.Count == 0)
        {
            foreach (var (route, _) in options.Routes.Where(route => route.Value.ApiKeyRequired))
            {
                errors.Add($"ApiAuth:Routes:{route}:ApiKeyRequired needs API keys: configure ApiAuth:ApiKeys and ApiAuth:UsagePlans, or register an IApiKeyStore.");
            }
            return null;
        }
        if (source is null || deny is null || errors.Count > 0)
        {
            return null;
        }
        try
        {
            return new UsagePlanEnforcer(plans, keys, store, source.Value, time) { SharedUsage = shared, DenyWhenSharedUnavailable = deny == true };
        }
        catch (ArgumentException exception)
        {
            errors.Add($"ApiAuth:ApiKeys: {exception.Message}");
            return null;
        }
    }

    private static UsagePlan? Plan(string name, UsagePlanOptions plan, List<string> errors)
    {
        var where = $"ApiAuth:UsagePlans:{name}";
        var before = errors.Count;
        var throttle = Throttle(plan.Throttle, where + ":Throttle", errors);
        QuotaSettings? quota = null;
        if (plan.Quota is { } q)
        {
            QuotaPeriod? period = q.Period.Trim().ToUpperInvariant() switch
            {
                "DAY" => QuotaPeriod.Day,
                "WEEK" => QuotaPeriod.Week,
                "MONTH" => QuotaPeriod.Month,
                _ => null,
            };
            if (period is null)
            {
                errors.Add($"{where}:Quota:Period must be DAY, WEEK or MONTH, got '{q.Period}'.");
            }
            else if (q.Limit < 0 || q.Offset < 0 || q.Offset > q.Limit)
            {
                errors.Add($"{where}:Quota: Limit must be 0 or more and Offset from 0 to Limit.");
            }
            else
            {
                quota = new QuotaSettings(q.Limit, period.Value, q.Offset);
            }
        }
        var methods = new List<MethodThrottle>();
        foreach (var (key, methodThrottle) in plan.MethodThrottle)
        {
            var parts = key.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var shape = parts.Length == 2 ? RouteShape.FromResourcePath(parts[1]) : null;
            if (shape is null)
            {
                errors.Add($"{where}:MethodThrottle:{key}: a method is 'METHOD /path', such as 'GET /pets/{{id}}'.");
                continue;
            }
            if (Throttle(methodThrottle, $"{where}:MethodThrottle:{key}", errors) is { } settings)
            {
                methods.Add(new MethodThrottle(parts[0].ToUpperInvariant(), parts[1], settings));
            }
        }
        return errors.Count == before ? new UsagePlan(name, throttle, quota, methods) : null;
    }

    private static ThrottleSettings? Throttle(ThrottleOptions? throttle, string where, List<string> errors)
    {
        if (throttle is null)
        {
            return null;
        }
        if (!double.IsFinite(throttle.RateLimit) || throttle.RateLimit < 0 || throttle.BurstLimit < 0)
        {
            errors.Add($"{where}: RateLimit and BurstLimit must be 0 or more.");
            return null;
        }
        return new ThrottleSettings(throttle.RateLimit, throttle.BurstLimit);
    }
}
