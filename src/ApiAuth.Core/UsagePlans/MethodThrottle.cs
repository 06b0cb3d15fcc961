namespace ApiAuth.UsagePlans;

/// <summary>A usage plan's throttle for one method, used instead of the plan's own for that method.</summary>
/// <param name="HttpMethod">The HTTP method, e.g. <c>GET</c>.</param>
/// <param name="ResourcePath">API Gateway's resource path, e.g. <c>/pets/{id}</c>.</param>
/// <param name="Throttle">The method's throttle.</param>
public sealed record MethodThrottle(string HttpMethod, string ResourcePath, ThrottleSettings Throttle);
