using System.Diagnostics.Metrics;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>A private <c>ApiAuth</c> meter counting <c>apiauth.authorizer.cache.hits</c>, so a test sees hits and misses.</summary>
internal sealed class CacheHitCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _hits;

    public CacheHitCounter()
    {
        Meter = new Meter("ApiAuth");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == Meter && instrument.Name == "apiauth.authorizer.cache.hits")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _hits, value));
        _listener.Start();
    }

    public Meter Meter { get; }

    public long Hits => Interlocked.Read(ref _hits);

    public void Dispose()
    {
        _listener.Dispose();
        Meter.Dispose();
    }
}
