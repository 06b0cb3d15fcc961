using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using ApiAuth.AspNetCore.Redis;
using ApiAuth.AspNetCore.Telemetry;
using ApiAuth.Gateway;
using ApiAuth.UsagePlans;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The usage plan decision with its counters in a local Redis (a redis-server this benchmark starts on a free loopback
/// port), against the round trip it cannot beat: a PING on the same connection.
/// </summary>
[MemoryDiagnoser]
public class RedisUsagePlanBenchmarks
{
    private const string Key = "bench-key-0123456789abcdefghij";
    private Process _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private UsagePlanEnforcer _enforcer = null!;

    [GlobalSetup]
    public void Setup()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        _server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true })!;
        for (var i = 0; i < 100 && _redis is not { IsConnected: true }; i++)
        {
            Thread.Sleep(50);
            try
            {
                _redis = ConnectionMultiplexer.Connect($"127.0.0.1:{port}");
            }
            catch (RedisConnectionException)
            {
            }
        }
        var metrics = new ApiAuthMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        var plan = new UsagePlan("gold", new ThrottleSettings(1e9, int.MaxValue), new QuotaSettings(int.MaxValue, QuotaPeriod.Month));
        _enforcer = new UsagePlanEnforcer([plan], [new ApiKey("bench", Key, true, ["gold"])])
        {
            SharedUsage = new RedisUsageCounters(_redis, "apiauth-bench:", metrics, NullLogger<RedisUsageCounters>.Instance),
            DenyWhenSharedUnavailable = true,
        };
        if (Decide().GetAwaiter().GetResult() != DecisionReason.Allow)
        {
            throw new InvalidOperationException("The benchmark key is not allowed through Redis.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _redis.Dispose();
        _server.Kill();
        _server.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Redis PING round trip")]
    public async Task<TimeSpan> Ping() => await _redis.GetDatabase().PingAsync();

    [Benchmark(Description = "key + throttle + quota in Redis (one Lua script)")]
    public async Task<DecisionReason> Decide() => (await _enforcer.CheckAsync(Key, "GET", "/pets/{id}", CancellationToken.None)).Reason;
}
