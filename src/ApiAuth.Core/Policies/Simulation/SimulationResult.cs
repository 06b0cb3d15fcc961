using ApiAuth.Gateway;

namespace ApiAuth.Policies.Simulation;

/// <summary>The outcome of one simulated call, with an explanation fit for an assertion failure message.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(AuthorizationDecision decision, string methodArn, string explanation)
    {
        Decision = decision;
        MethodArn = methodArn;
        Explanation = explanation;
    }

    /// <summary>Whether API Gateway would let the call through.</summary>
    public bool IsAllowed => Decision.IsAllowed;

    /// <summary>The gateway decision (status, error type, AWS message, deciding statements).</summary>
    public AuthorizationDecision Decision { get; }

    /// <summary>The method ARN that was authorized.</summary>
    public string MethodArn { get; }

    /// <summary>The call, the decision, and every statement's outcome in every policy involved.</summary>
    public string Explanation { get; }

    /// <inheritdoc/>
    public override string ToString() => Explanation;
}
