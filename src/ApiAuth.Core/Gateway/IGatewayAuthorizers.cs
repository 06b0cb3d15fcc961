using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Gateway;

/// <summary>Runs a method's Cognito or custom authorizer and combines its answer with the resource policy.</summary>
public interface IGatewayAuthorizers
{
    /// <summary>Authenticates and authorizes a COGNITO_USER_POOLS or CUSTOM method. Must not throw: failures deny.</summary>
    ValueTask<GatewayDecision> AuthorizeAsync(GatewayAuthorizerContext context, CancellationToken cancellationToken);
}

/// <summary>What an authorizer step gets from the pipeline.</summary>
/// <param name="Request">The request.</param>
/// <param name="Method">The method's authorization (type, authorizer name, scopes).</param>
/// <param name="MethodArn">The method ARN.</param>
/// <param name="ResourcePolicy">The API's resource policy, or null.</param>
/// <param name="AnonymousRequest">The policy request as the resource policy sees an unsigned caller.</param>
public sealed record GatewayAuthorizerContext(GatewayRequest Request, MethodAuthorization Method, string MethodArn, CompiledPolicy? ResourcePolicy, PolicyRequest AnonymousRequest);
