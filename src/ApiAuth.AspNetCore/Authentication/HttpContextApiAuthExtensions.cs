using ApiAuth.AspNetCore.Authentication;
using ApiAuth.Gateway;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reads ApiAuth's decision for the current request.</summary>
public static class HttpContextApiAuthExtensions
{
    /// <summary>
    /// The gateway decision that allowed the request (principal, claims, authorizer context); null when ApiAuth did
    /// not run or refused the request, so code that runs anyway never mistakes a refused caller for a known one.
    /// </summary>
    public static GatewayDecision? GetApiAuthDecision(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IApiAuthFeature>()?.Decision is { IsAllowed: true } decision ? decision : null;
    }
}
