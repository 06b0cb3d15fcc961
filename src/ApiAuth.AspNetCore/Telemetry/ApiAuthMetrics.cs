using System.Diagnostics;
using System.Diagnostics.Metrics;
using ApiAuth.Gateway;

namespace ApiAuth.AspNetCore.Telemetry;

/// <summary>ApiAuth's metrics (<c>Meter("ApiAuth")</c>) and traces (<c>ActivitySource("ApiAuth")</c>).</summary>
internal sealed class ApiAuthMetrics
{
    public const string Name = "ApiAuth";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _redisFailures;

    public ApiAuthMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(Name);
        _decisions = Meter.CreateCounter<long>("apiauth.decisions", description: "Authorization decisions by outcome and authorization type.");
        _duration = Meter.CreateHistogram<double>("apiauth.decision.duration", unit: "s", description: "Time to decide a request.");
        _redisFailures = Meter.CreateCounter<long>("apiauth.redis.failures", description: "Usage plan decisions Redis did not answer (counted locally or denied, per OnRedisFailure).");
    }

    public void RecordRedisFailure() => _redisFailures.Add(1);

    /// <summary>The app's <c>ApiAuth</c> meter, which the authorizers count on too.</summary>
    public Meter Meter { get; }

    public void Record(GatewayDecision decision, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "outcome", decision.IsAllowed ? "allow" : "deny" },
            { "auth_type", decision.AuthorizationType.ToString() },
            { "status", decision.StatusCode },
        };
        _decisions.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
