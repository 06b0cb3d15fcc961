using ApiAuth.Gateway;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>The gateway decision for the current request: who the caller is, the authorizer context and claims.</summary>
public interface IApiAuthFeature
{
    /// <summary>The decision.</summary>
    GatewayDecision Decision { get; }
}

internal sealed class ApiAuthFeature(GatewayDecision decision, Microsoft.AspNetCore.Http.Endpoint endpoint) : IApiAuthFeature
{
    public GatewayDecision Decision { get; } = decision;

    /// <summary>The endpoint decided for: a re-executed pipeline (error pages) reaching another endpoint decides again.</summary>
    public Microsoft.AspNetCore.Http.Endpoint Endpoint { get; } = endpoint;
}
