using ApiAuth.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace ApiAuth.AspNetCore.Authorization;

/// <summary>Succeeds the requirement when the request's gateway decision (made during authentication) allows it.</summary>
internal sealed class ApiAuthRequirementHandler(ApiAuthDecisionService decisions) : AuthorizationHandler<ApiAuthRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiAuthRequirement requirement)
    {
        // Endpoint routing (controllers and minimal APIs alike) passes the HttpContext as the resource.
        if (context.Resource is not HttpContext httpContext)
        {
            return;
        }
        var decision = await decisions.DecideAsync(httpContext).ConfigureAwait(false);
        if (decision?.IsAllowed == true)
        {
            context.Succeed(requirement);
        }
    }
}
