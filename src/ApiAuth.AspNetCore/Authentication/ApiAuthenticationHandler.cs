using System.Security.Claims;
using System.Text.Encodings.Web;
using ApiAuth.AspNetCore.Responses;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>
/// The ApiAuth authentication scheme: runs API Gateway's pipeline for endpoints marked with <c>[ApiAuthorize]</c>,
/// puts the caller on <c>HttpContext.User</c>, and answers challenges with API Gateway's gateway responses.
/// </summary>
internal sealed class ApiAuthenticationHandler(
    IOptionsMonitor<ApiAuthSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiAuthDecisionService decisions,
    GatewayResponseWriter responses)
    : AuthenticationHandler<ApiAuthSchemeOptions>(options, logger, encoder)
{
    /// <summary>Claim types ApiAuth sets; a token's claims of these types are dropped so a token cannot pose as IAM.</summary>
    internal const string PrincipalIdClaim = "principalId";
    internal const string AuthTypeClaim = "apiauth:authType";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        PrincipalIdClaim, AuthTypeClaim, "arn", "accountId", "accessKeyId", ClaimTypes.NameIdentifier, ClaimTypes.Role,
    };

    /// <summary>The scheme's events.</summary>
    private new ApiAuthEvents Events => (ApiAuthEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new ApiAuthEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var decision = await decisions.DecideAsync(Context).ConfigureAwait(false);
        if (decision is null)
        {
            return AuthenticateResult.NoResult();
        }
        await Events.DecisionAsync(new ApiAuthDecisionContext(Context, Scheme, Options, decision)).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            // The reason code, not the message: AWS's messages can quote the Authorization header, and ASP.NET logs this.
            return AuthenticateResult.Fail(decision.Reason.ToString());
        }
        if (decision.PrincipalId is null)
        {
            // NONE (and resource-policy-only) callers stay anonymous.
            return AuthenticateResult.NoResult();
        }
        return AuthenticateResult.Success(new AuthenticationTicket(ToPrincipal(decision), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => WriteDenialAsync(Unauthorized());

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteDenialAsync(Forbidden());

    // The gateway's own denial when it made one; otherwise (e.g. [Authorize] on a non-ApiAuth endpoint) the fallback.
    private async Task WriteDenialAsync(GatewayDecision fallback)
    {
        var decision = await decisions.DecideAsync(Context).ConfigureAwait(false);
        var denial = decision is { IsAllowed: false } ? decision : fallback;
        var denied = new ApiAuthDeniedContext(Context, Scheme, Options, denial);
        await Events.DeniedAsync(denied).ConfigureAwait(false);
        if (!denied.Handled)
        {
            await responses.WriteAsync(Context, denial).ConfigureAwait(false);
        }
    }

    private ClaimsPrincipal ToPrincipal(GatewayDecision decision)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, decision.PrincipalId!),
            new(PrincipalIdClaim, decision.PrincipalId!),
            new(AuthTypeClaim, decision.AuthorizationType.ToString()),
        };
        AddIfPresent(claims, "arn", decision.PrincipalArn);
        AddIfPresent(claims, "accountId", decision.AccountId);
        AddIfPresent(claims, "accessKeyId", decision.AccessKeyId);
        foreach (var (type, value) in decision.Claims)
        {
            if (!Reserved.Contains(type))
            {
                claims.Add(new Claim(type, value));
            }
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.NameIdentifier, ClaimTypes.Role));
    }

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }

    private GatewayDecision Unauthorized() =>
        GatewayDecision.Denied(401, GatewayResponseTypes.Unauthorized, "UnauthorizedException", "Unauthorized", DecisionReason.NotAuthenticated, AuthorizationType.None, Request.Path);

    private GatewayDecision Forbidden() =>
        GatewayDecision.Denied(403, GatewayResponseTypes.AccessDenied, "AccessDeniedException", "User is not authorized to access this resource", DecisionReason.Forbidden, AuthorizationType.None, Request.Path);
}
