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

    public ApiAuthMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(Name);
        _decisions = Meter.CreateCounter<long>("apiauth.decisions", description: "Authorization decisions by outcome and authorization type.");
        _duration = Meter.CreateHistogram<double>("apiauth.decision.duration", unit: "s", description: "Time to decide a request.");
    }

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
