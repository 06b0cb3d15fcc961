using System.Diagnostics.Metrics;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers;

public class AuthorizerMetricsTests
{
    [Test]
    public async Task Cache_hits_and_invocations_are_counted_on_the_given_meter()
    {
        using var meter = new Meter("ApiAuth");
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
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
        const string name = "auth";
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Token(name), new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*")))], new CountingPolicyCompiler(), new FakeTimeProvider(TestJwt.Now), meter: meter);

        for (var i = 0; i < 3; i++)
        {
            await invoker.AuthorizeAsync(name, AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));
        }

        Assert.That(counts.GetValueOrDefault("apiauth.authorizer.invocations"), Is.EqualTo(1));
        Assert.That(counts.GetValueOrDefault("apiauth.authorizer.cache.hits"), Is.EqualTo(2));
    }
}
