using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>A denial about to be answered with API Gateway's gateway response, for <see cref="ApiAuthEvents.OnDenied"/>.</summary>
public sealed class ApiAuthDeniedContext : BaseContext<ApiAuthSchemeOptions>
{
    /// <summary>Creates the context.</summary>
    public ApiAuthDeniedContext(HttpContext context, AuthenticationScheme scheme, ApiAuthSchemeOptions options, GatewayDecision decision)
        : base(context, scheme, options) => Decision = decision;

    /// <summary>The denial (status, error type, message, reason).</summary>
    public GatewayDecision Decision { get; }

    /// <summary>Whether the handler wrote the response itself; ApiAuth then writes nothing. The request stays denied.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips ApiAuth's gateway response: the event has written its own.</summary>
    public void HandleResponse() => Handled = true;
}
