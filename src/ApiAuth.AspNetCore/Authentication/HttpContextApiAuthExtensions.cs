using ApiAuth.AspNetCore.Authentication;
using ApiAuth.Gateway;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reads ApiAuth's decision for the current request.</summary>
public static class HttpContextApiAuthExtensions
{
    /// <summary>The gateway decision (principal, claims, authorizer context), or null when ApiAuth did not run.</summary>
    public static GatewayDecision? GetApiAuthDecision(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IApiAuthFeature>()?.Decision;
    }
}
