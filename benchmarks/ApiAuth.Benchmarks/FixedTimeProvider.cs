namespace ApiAuth.Benchmarks;

/// <summary>A stopped clock, so a signed request stays inside the verifier's window for the whole run.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
