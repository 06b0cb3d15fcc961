using ApiAuth.Gateway;
using ApiAuth.UsagePlans;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// The API key + throttle + quota decision in process (DESIGN §5: ≤ 300 ns): the presented key's SHA-256, the lookup
/// by digest, the constant-time comparison, the plan, a token from the bucket and a count against the quota, with the
/// system clock. Limits are high enough that every call is allowed, so the whole path runs each time.
/// </summary>
[MemoryDiagnoser]
public class UsagePlanBenchmarks
{
    private const string Key = "bench-key-0123456789abcdefghij";
    private UsagePlanEnforcer _enforcer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var plan = new UsagePlan("gold", new ThrottleSettings(1e9, int.MaxValue), new QuotaSettings(int.MaxValue, QuotaPeriod.Month),
            [new MethodThrottle("POST", "/orders", new ThrottleSettings(1, 1))]);
        var keys = Enumerable.Range(0, 1000).Select(i => new ApiKey("key-" + i, $"other-key-{i:D6}-0123456789abcdef", true, ["gold"]))
            .Append(new ApiKey("bench", Key, true, ["gold"]));
        _enforcer = new UsagePlanEnforcer([plan], keys);
        if (Decide() != DecisionReason.Allow || Unknown() != DecisionReason.ApiKeyUnknown)
        {
            throw new InvalidOperationException("The benchmark key is not decided as expected.");
        }
    }

    [Benchmark(Baseline = true, Description = "key + throttle + quota (allowed)")]
    public DecisionReason Decide() => _enforcer.CheckAsync(Key, "GET", "/pets/{id}", CancellationToken.None).GetAwaiter().GetResult().Reason;

    [Benchmark(Description = "unknown key (403)")]
    public DecisionReason Unknown() => _enforcer.CheckAsync("bench-key-0123456789abcdefghiX", "GET", "/pets/{id}", CancellationToken.None).GetAwaiter().GetResult().Reason;
}
