using ApiAuth.AspNetCore.TestHooks;
using ApiAuth.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an <see cref="ApiAuthTestKit"/> in the app under test.</summary>
public static class ApiAuthTestKitServiceCollectionExtensions
{
    /// <summary>
    /// Makes the app under test trust <paramref name="kit"/>: its callers join the app's credential store (after the
    /// app's own), every COGNITO_USER_POOLS and JWT authorizer also accepts the kit's signing key (issuer and client ids
    /// stay the app's), the kit's fake authorizers run in place of the ones it replaces, and every ApiAuth decision is
    /// sent back in the <c>x-apiauth-decision</c> response header for <see cref="ApiAuthAssert"/>. Call it from
    /// <c>ConfigureTestServices</c>, never in the app itself.
    /// </summary>
    /// <param name="services">The app's services (after <c>AddApiAuth</c>).</param>
    /// <param name="kit">The kit.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddApiAuthTestKit(this IServiceCollection services, ApiAuthTestKit kit)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(kit);
        if (services.Any(d => d.ServiceType == typeof(IApiAuthTestHooks)))
        {
            throw new InvalidOperationException("An ApiAuthTestKit is already registered in this app; use one kit per app.");
        }
        services.AddSingleton<IApiAuthTestHooks>(kit.Hooks);
        return services;
    }
}
