using System.Diagnostics.Metrics;

namespace ApiAuth.Authorizers;

/// <summary>
/// The authorizers' instruments on an <c>ApiAuth</c> meter: the application's (from <c>IMeterFactory</c>) when one is
/// given, otherwise a process-wide one. Adding to a counter nobody listens to costs a flag check, so the cache-hit path
/// stays allocation-free.
/// </summary>
internal sealed class AuthorizerMetrics
{
    /// <summary>The meter's name, shared by every ApiAuth component.</summary>
    public const string MeterName = "ApiAuth";

    private static readonly AuthorizerMetrics Shared = new(new Meter(MeterName));

    private AuthorizerMetrics(Meter meter)
    {
        CacheHits = meter.CreateCounter<long>("apiauth.authorizer.cache.hits", "{decision}", "Authorizer decisions (custom, Cognito, JWT) answered from a result cache.");
        Invocations = meter.CreateCounter<long>("apiauth.authorizer.invocations", "{invocation}", "Custom authorizer invocations.");
        JwksFetches = meter.CreateCounter<long>("apiauth.authorizer.jwks.fetches", "{fetch}", "JWKS documents fetched over HTTP.");
    }

    /// <summary>Authorizer decisions answered from a result cache: custom authorizers' and Cognito/JWT authorizers'.</summary>
    public Counter<long> CacheHits { get; }

    /// <summary>Custom authorizer invocations (cache misses, or caching off).</summary>
    public Counter<long> Invocations { get; }

    /// <summary>JWKS fetches, tagged <c>result</c> = <c>success</c> or <c>failure</c>.</summary>
    public Counter<long> JwksFetches { get; }

    /// <summary>The instruments on <paramref name="meter"/>, or on the process-wide meter when it is null.</summary>
    public static AuthorizerMetrics For(Meter? meter) => meter is null ? Shared : new AuthorizerMetrics(meter);
}
