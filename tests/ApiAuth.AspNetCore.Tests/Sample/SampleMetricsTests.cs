using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>ApiAuth's instruments live on the app's own <see cref="IMeterFactory"/> meter, as ASP.NET Core's do.</summary>
public sealed class SampleMetricsTests
{
    [Test]
    public async Task Decisions_authorizer_invocations_and_cache_hits_are_counted_on_the_apps_meter()
    {
        await using var factory = new SampleFactory();
        using var client = factory.CreateClient();
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other apps in the test run have their own factories.
            if (instrument.Meter.Name == "ApiAuth" && instrument.Meter.Scope == meterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await SampleFactory.GetAsync(client, "/reports", "allow")).Status, Is.EqualTo(200));
        }

        Assert.Multiple(() =>
        {
            Assert.That(counts.GetValueOrDefault("apiauth.decisions"), Is.EqualTo(3));
            Assert.That(counts.GetValueOrDefault("apiauth.authorizer.invocations"), Is.EqualTo(1));
            Assert.That(counts.GetValueOrDefault("apiauth.authorizer.cache.hits"), Is.EqualTo(2));
        });
    }
}
