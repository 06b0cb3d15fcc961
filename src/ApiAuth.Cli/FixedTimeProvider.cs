namespace ApiAuth.Cli;

/// <summary>A clock stopped at the time given with <c>--now</c>, to verify or sign as of that moment.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
