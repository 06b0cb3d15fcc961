using Microsoft.AspNetCore.Authorization;

namespace ApiAuth.AspNetCore.Authorization;

/// <summary>Met when ApiAuth's gateway decision for the request is Allow.</summary>
public sealed class ApiAuthRequirement : IAuthorizationRequirement
{
    private ApiAuthRequirement()
    {
    }

    /// <summary>The requirement; it carries no data (the endpoint's <see cref="ApiAuthorizeAttribute"/> does).</summary>
    public static ApiAuthRequirement Instance { get; } = new();
}
