using System.Collections.Frozen;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Gateway;

namespace ApiAuth.Authorizers;

/// <summary>
/// The authorizers of one API, plugged into <see cref="ApiGateway"/>: COGNITO_USER_POOLS methods go to a JWT
/// authorizer by name, then the resource policy alone decides; CUSTOM methods are checked against the resource policy
/// for an explicit Deny before the authorizer runs, then its (cached) policy is combined with the resource policy as
/// API Gateway does. Custom authorizers' policies are compiled by the IAM policy engine.
/// </summary>
public sealed class GatewayAuthorizers : IGatewayAuthorizers, IDisposable
{
    private const string AuthorizationHeader = "Authorization";

    private readonly CustomAuthorizerInvoker _custom;
    private readonly FrozenDictionary<string, IJwtAuthorizer> _jwt;

    /// <summary>Creates the authorizers of an API.</summary>
    /// <param name="customAuthorizers">TOKEN and REQUEST authorizers.</param>
    /// <param name="jwtAuthorizers">Cognito (or generic OIDC) authorizers by name.</param>
    /// <param name="timeProvider">The clock for the result cache and timeouts.</param>
    /// <param name="cacheSizeLimit">How many custom authorizer results are cached at most.</param>
    /// <exception cref="ArgumentException">Two authorizers share a name.</exception>
    public GatewayAuthorizers(
        IEnumerable<CustomAuthorizerRegistration> customAuthorizers,
        IReadOnlyDictionary<string, IJwtAuthorizer> jwtAuthorizers,
        TimeProvider timeProvider,
        int cacheSizeLimit = CustomAuthorizerInvoker.DefaultCacheSizeLimit)
    {
        ArgumentNullException.ThrowIfNull(jwtAuthorizers);
        _custom = new CustomAuthorizerInvoker(customAuthorizers, IamAuthorizerPolicyCompiler.Instance, timeProvider, cacheSizeLimit);
        _jwt = jwtAuthorizers.ToFrozenDictionary(StringComparer.Ordinal);
        if (_jwt.Keys.FirstOrDefault(_custom.IsRegistered) is { } shared)
        {
            throw new ArgumentException($"Authorizer name '{shared}' is used by a custom and a JWT authorizer; names must be unique.", nameof(jwtAuthorizers));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<GatewayDecision> AuthorizeAsync(GatewayAuthorizerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Method;
        var name = method.AuthorizerName ?? string.Empty;
        if (method.Type == AuthorizationType.CognitoUserPools && _jwt.TryGetValue(name, out var jwt))
        {
            return await AuthorizeJwtAsync(jwt, context, cancellationToken).ConfigureAwait(false);
        }

        if (method.Type == AuthorizationType.Custom && _custom.IsRegistered(name))
        {
            return await AuthorizeCustomAsync(name, context, cancellationToken).ConfigureAwait(false);
        }

        return Rejected(AuthorizerOutcome.ConfigurationError(AuthorizerReason.UnknownAuthorizer), context);
    }

    /// <summary>Stops using the custom authorizers' result cache.</summary>
    public void Dispose() => _custom.Dispose();

    private static async ValueTask<GatewayDecision> AuthorizeJwtAsync(IJwtAuthorizer authorizer, GatewayAuthorizerContext context, CancellationToken cancellationToken)
    {
        var outcome = await authorizer
            .AuthorizeAsync(context.Request.GetHeader(AuthorizationHeader), context.Method.RequiredScopes, cancellationToken)
            .ConfigureAwait(false);
        if (!outcome.IsAllowed)
        {
            return Rejected(outcome, context);
        }

        var decision = GatewayAuthorization.AuthorizeResourcePolicyOnly(context.AnonymousRequest, context.ResourcePolicy);
        return Decided(decision, outcome, context);
    }

    private async ValueTask<GatewayDecision> AuthorizeCustomAsync(string name, GatewayAuthorizerContext context, CancellationToken cancellationToken)
    {
        // API Gateway consults the resource policy first: an explicit Deny there never reaches the authorizer.
        if (GatewayAuthorization.CheckBeforeAuthorizer(context.AnonymousRequest, context.ResourcePolicy) is { } denied)
        {
            return Decided(denied, null, context);
        }

        var outcome = await _custom.AuthorizeAsync(name, CustomAuthorizerRequests.From(context), cancellationToken).ConfigureAwait(false);
        if (outcome.Policy is not IamAuthorizerPolicy policy)
        {
            return Rejected(outcome, context);
        }

        // Re-evaluated here with the request's context keys, combined with the resource policy.
        var decision = GatewayAuthorization.AuthorizeWithAuthorizerPolicy(context.AnonymousRequest, policy.Policy, context.ResourcePolicy);
        return Decided(decision, outcome, context);
    }

    private static GatewayDecision Rejected(AuthorizerOutcome outcome, GatewayAuthorizerContext context) => new()
    {
        IsAllowed = false,
        StatusCode = outcome.StatusCode,
        ResponseType = outcome.GatewayResponseType,
        ErrorType = outcome.ErrorType,
        Message = outcome.Message,
        Reason = outcome.Reason.ToString(),
        AuthorizationType = context.Method.Type,
        MethodArn = context.MethodArn,
    };

    private static GatewayDecision Decided(AuthorizationDecision decision, AuthorizerOutcome? outcome, GatewayAuthorizerContext context) => new()
    {
        IsAllowed = decision.IsAllowed,
        StatusCode = decision.StatusCode,
        ResponseType = decision.IsAllowed ? null : GatewayResponseTypes.AccessDenied,
        ErrorType = decision.ErrorType,
        Message = decision.Message,
        Reason = decision.Decision.ToString(),
        AuthorizationType = context.Method.Type,
        MethodArn = context.MethodArn,
        Statements = decision.Statements,
        PrincipalId = outcome?.PrincipalId,
        Claims = outcome?.Claims ?? FrozenDictionary<string, string>.Empty,
        Context = outcome?.Context ?? FrozenDictionary<string, object>.Empty,
    };
}
