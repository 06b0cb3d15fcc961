using ApiAuth.AspNetCore.Telemetry;
using ApiAuth.UsagePlans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ApiAuth.AspNetCore.Redis;

/// <summary>
/// The Redis behind the usage plan counters: the app's <see cref="IConnectionMultiplexer"/> from DI, or a connection
/// ApiAuth opens from <c>ApiAuth:Redis</c> (and closes with the app). A Redis that is down at start-up does not stop
/// the app: the connection retries, and counting follows <c>OnRedisFailure</c> meanwhile.
/// </summary>
internal sealed class RedisSetup(IServiceProvider services) : IDisposable
{
    private ConnectionMultiplexer? _owned;

    public ISharedUsage? Counters(Configuration.ApiAuthOptions options, List<string> errors)
    {
        var fromApp = services.GetService<IConnectionMultiplexer>();
        if (fromApp is not null && !string.IsNullOrWhiteSpace(options.Redis))
        {
            errors.Add("ApiAuth:Redis is set and an IConnectionMultiplexer is registered: use one of them.");
            return null;
        }
        IConnectionMultiplexer? redis = fromApp;
        if (redis is null && !string.IsNullOrWhiteSpace(options.Redis))
        {
            ConfigurationOptions configuration;
            try
            {
                configuration = ConfigurationOptions.Parse(options.Redis);
            }
            catch (ArgumentException exception)
            {
                // The message of a bad connection string may quote its password: only the kind of fault is reported.
                errors.Add($"ApiAuth:Redis is not a StackExchange.Redis connection string ({exception.GetType().Name}).");
                return null;
            }
            configuration.AbortOnConnectFail = false;
            redis = _owned = ConnectionMultiplexer.Connect(configuration);
        }
        return redis is null
            ? null
            : new RedisUsageCounters(redis, "apiauth:", services.GetRequiredService<ApiAuthMetrics>(), services.GetRequiredService<ILogger<RedisUsageCounters>>());
    }

    public void Dispose() => _owned?.Dispose();
}
