using ApiAuth.Gateway;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>The gateway decision for the current request: who the caller is, the authorizer context and claims.</summary>
public interface IApiAuthFeature
{
    /// <summary>The decision.</summary>
    GatewayDecision Decision { get; }
}

internal sealed class ApiAuthFeature(GatewayDecision decision) : IApiAuthFeature
{
    public GatewayDecision Decision { get; } = decision;
}
