using System.Diagnostics.Metrics;

namespace ApiAuth.Authorizers;

/// <summary>
/// The authorizers' instruments on the <c>ApiAuth</c> meter. Adding to a counter nobody listens to costs a flag check,
/// so the cache-hit path stays allocation-free.
/// </summary>
internal static class AuthorizerMetrics
{
    /// <summary>The meter's name, shared by every ApiAuth component.</summary>
    public const string MeterName = "ApiAuth";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Custom authorizer decisions answered from the result cache.</summary>
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("apiauth.authorizer.cache.hits", "{decision}", "Custom authorizer decisions answered from the result cache.");

    /// <summary>Custom authorizer invocations (cache misses, or caching off).</summary>
    public static readonly Counter<long> Invocations = Meter.CreateCounter<long>("apiauth.authorizer.invocations", "{invocation}", "Custom authorizer invocations.");

    /// <summary>JWKS fetches, tagged <c>result</c> = <c>success</c> or <c>failure</c>.</summary>
    public static readonly Counter<long> JwksFetches = Meter.CreateCounter<long>("apiauth.authorizer.jwks.fetches", "{fetch}", "JWKS documents fetched over HTTP.");
}
