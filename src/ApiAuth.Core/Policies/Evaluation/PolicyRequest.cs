namespace ApiAuth.Policies.Evaluation;

/// <summary>
/// What is being authorized: a caller, an action, a resource and the request's condition keys. Immutable; build it once
/// per HTTP request and evaluate it against any number of compiled policies.
/// </summary>
public sealed class PolicyRequest
{
    /// <summary>The action API Gateway authorizes.</summary>
    public const string InvokeAction = "execute-api:Invoke";

    /// <summary>Creates a request.</summary>
    /// <param name="principal">The caller.</param>
    /// <param name="action">The action, e.g. <c>execute-api:Invoke</c>.</param>
    /// <param name="resource">The resource ARN, e.g. a method ARN.</param>
    /// <param name="context">The condition keys; <see cref="RequestContext.Empty"/> when null.</param>
    public PolicyRequest(RequestPrincipal principal, string action, string resource, RequestContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentException.ThrowIfNullOrEmpty(resource);
        Principal = principal;
        Action = action;
        Resource = resource;
        Context = context ?? RequestContext.Empty;
    }

    /// <summary>The caller.</summary>
    public RequestPrincipal Principal { get; }

    /// <summary>The action.</summary>
    public string Action { get; }

    /// <summary>The resource ARN.</summary>
    public string Resource { get; }

    /// <summary>The condition keys.</summary>
    public RequestContext Context { get; }

    /// <summary>The same request as seen by a different caller (e.g. the anonymous view a resource policy gets under CUSTOM auth).</summary>
    /// <param name="principal">The caller to use.</param>
    /// <returns>A request with the same action, resource and context.</returns>
    public PolicyRequest WithPrincipal(RequestPrincipal principal) => new(principal, Action, Resource, Context);
}
