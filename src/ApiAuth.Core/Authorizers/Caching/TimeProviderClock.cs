using Microsoft.Extensions.Internal;

namespace ApiAuth.Authorizers.Caching;

/// <summary>Lets <see cref="Microsoft.Extensions.Caching.Memory.MemoryCache"/> expire entries on a <see cref="TimeProvider"/>'s clock.</summary>
internal sealed class TimeProviderClock(TimeProvider timeProvider) : ISystemClock
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
