namespace ApiAuth.AspNetCore.Authentication;

/// <summary>
/// Hooks into ApiAuth's scheme, as <c>JwtBearerEvents</c> does for JwtBearer: observe every decision, or take over
/// the response to a denial. Set on <see cref="ApiAuthSchemeOptions.Events"/>, or derive and register the type with
/// <c>EventsType</c>.
/// </summary>
public class ApiAuthEvents
{
    /// <summary>Called once per request the gateway decided, allowed or denied, before the app or the denial runs.</summary>
    public Func<ApiAuthDecisionContext, Task> OnDecision { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called before a denial is written; <see cref="ApiAuthDeniedContext.HandleResponse"/> writes your own instead.</summary>
    public Func<ApiAuthDeniedContext, Task> OnDenied { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnDecision"/>.</summary>
    /// <param name="context">The decision and the request.</param>
    public virtual Task DecisionAsync(ApiAuthDecisionContext context) => OnDecision(context);

    /// <summary>Invokes <see cref="OnDenied"/>.</summary>
    /// <param name="context">The denial and the request.</param>
    public virtual Task DeniedAsync(ApiAuthDeniedContext context) => OnDenied(context);
}
