using Microsoft.AspNetCore.Authentication;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>Options of the ApiAuth authentication scheme; the API itself is configured by <c>ApiAuthOptions</c>.</summary>
public sealed class ApiAuthSchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with no-op events.</summary>
    public ApiAuthSchemeOptions() => Events = new ApiAuthEvents();

    /// <summary>The scheme's events: observe decisions, or write your own response to a denial.</summary>
    public new ApiAuthEvents Events
    {
        get => (ApiAuthEvents)base.Events!;
        set => base.Events = value;
    }
}
