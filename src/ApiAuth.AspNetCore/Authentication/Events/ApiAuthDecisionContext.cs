using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>The gateway's decision on a request, for <see cref="ApiAuthEvents.OnDecision"/>.</summary>
public sealed class ApiAuthDecisionContext : BaseContext<ApiAuthSchemeOptions>
{
    /// <summary>Creates the context.</summary>
    public ApiAuthDecisionContext(HttpContext context, AuthenticationScheme scheme, ApiAuthSchemeOptions options, GatewayDecision decision)
        : base(context, scheme, options) => Decision = decision;

    /// <summary>The decision: allowed or denied, why, and the statements that decided.</summary>
    public GatewayDecision Decision { get; }
}
