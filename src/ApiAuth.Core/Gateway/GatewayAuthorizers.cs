using ApiAuth.Authorizers;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Gateway;

/// <summary>
/// The API's Cognito, JWT and custom authorizers by name, combined with the resource policy the way API Gateway
/// combines them (AWS, "How API Gateway resource policies affect authorization workflow").
/// </summary>
public sealed class GatewayAuthorizers : IGatewayAuthorizers, IDisposable
{
    private readonly IReadOnlyDictionary<string, CognitoUserPoolAuthorizer> _cognito;
    private readonly IReadOnlyDictionary<string, JwtAuthorizer> _jwt;
    private readonly CustomAuthorizerInvoker? _custom;
    private readonly HashSet<string> _customNames;
    private readonly CustomAuthorizerRequestContext _requestContext;
    private readonly IReadOnlyDictionary<string, string> _tokenHeaders;

    /// <summary>Creates the set; names must be unique across all kinds.</summary>
    /// <param name="cognito">Cognito user-pool authorizers by name.</param>
    /// <param name="jwt">JWT authorizers by name.</param>
    /// <param name="custom">The TOKEN/REQUEST authorizers, or null.</param>
    /// <param name="customNames">The names <paramref name="custom"/> answers to.</param>
    /// <param name="requestContext">Account, API id and stage for REQUEST authorizer events.</param>
    /// <param name="tokenHeaders">For Cognito/JWT authorizers whose identity source is not the <c>Authorization</c> header: the header by authorizer name.</param>
    public GatewayAuthorizers(
        IReadOnlyDictionary<string, CognitoUserPoolAuthorizer> cognito,
        IReadOnlyDictionary<string, JwtAuthorizer> jwt,
        CustomAuthorizerInvoker? custom,
        IEnumerable<string> customNames,
        CustomAuthorizerRequestContext requestContext,
        IReadOnlyDictionary<string, string>? tokenHeaders = null)
    {
        _tokenHeaders = tokenHeaders ?? new Dictionary<string, string>();
        ArgumentNullException.ThrowIfNull(cognito);
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(customNames);
        _cognito = cognito;
        _jwt = jwt;
        _custom = custom;
        _customNames = new HashSet<string>(customNames, StringComparer.Ordinal);
        _requestContext = requestContext;
    }

    /// <inheritdoc />
    public async ValueTask<GatewayDecision> AuthorizeAsync(GatewayAuthorizerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Method.AuthorizerName ?? string.Empty;
        var tokenMethod = context.Method.Type == AuthorizationType.CognitoUserPools;
        // A method's type and its authorizer's kind must agree, as in API Gateway; a mismatch is a configuration error.
        if (tokenMethod != (_cognito.ContainsKey(name) || _jwt.ContainsKey(name)) || context.Method.Type is not (AuthorizationType.CognitoUserPools or AuthorizationType.Custom))
        {
            return ApiGateway.Misconfigured(context.Method, context.MethodArn, $"{context.Method.Type} method names authorizer '{name}', which is not of that kind");
        }
        if (tokenMethod)
        {
            var token = context.Request.GetHeader(TokenHeader(name));
            var outcome = _cognito.TryGetValue(name, out var cognito)
                ? await cognito.AuthorizeAsync(token, context.Method.RequiredScopes, cancellationToken).ConfigureAwait(false)
                : await _jwt[name].AuthorizeAsync(token, context.Method.RequiredScopes, cancellationToken).ConfigureAwait(false);
            return TokenThenResourcePolicy(context, outcome);
        }
        if (_custom is not null && _customNames.Contains(name))
        {
            return await CustomAsync(context, name, cancellationToken).ConfigureAwait(false);
        }
        return ApiGateway.Misconfigured(context.Method, context.MethodArn, $"no authorizer is named '{name}'");
    }

    private string TokenHeader(string authorizer) => _tokenHeaders.GetValueOrDefault(authorizer, "Authorization");

    /// <summary>Stops the authorizers' result caches.</summary>
    public void Dispose()
    {
        _custom?.Dispose();
        foreach (var authorizer in _cognito.Values)
        {
            authorizer.Dispose();
        }

        foreach (var authorizer in _jwt.Values)
        {
            authorizer.Dispose();
        }
    }

    // COGNITO: the token must be accepted, then the resource policy alone decides for the anonymous view.
    private static GatewayDecision TokenThenResourcePolicy(GatewayAuthorizerContext context, AuthorizerOutcome outcome)
    {
        if (!outcome.IsAllowed)
        {
            return FromOutcome(context, outcome, AuthorizationType.CognitoUserPools);
        }
        var resource = GatewayAuthorization.AuthorizeResourcePolicyOnly(context.AnonymousRequest, context.ResourcePolicy);
        var decision = ApiGateway.FromAuthorization(resource, AuthorizationType.CognitoUserPools, context.MethodArn);
        return With(decision, outcome);
    }

    // CUSTOM: a resource-policy explicit Deny stops the request before the authorizer runs; afterwards the
    // authorizer's policy is the identity side, combined with the resource policy in the API owner's account.
    private async ValueTask<GatewayDecision> CustomAsync(GatewayAuthorizerContext context, string name, CancellationToken cancellationToken)
    {
        // Evaluated once: the same anonymous view decides before the authorizer and combines with it afterwards.
        var resourceEvaluation = context.ResourcePolicy?.Evaluate(context.AnonymousRequest) ?? default;
        if (GatewayAuthorization.CheckBeforeAuthorizer(context.AnonymousRequest, resourceEvaluation) is { } denied)
        {
            return ApiGateway.FromAuthorization(denied, AuthorizationType.Custom, context.MethodArn);
        }
        // The invoker evaluates the authorizer's policy once, with the request's condition keys (aws:SourceIp, ...).
        // A TOKEN authorizer needs only its header; the whole REQUEST event is built only for REQUEST authorizers.
        var keys = context.AnonymousRequest.Context;
        var outcome = await (_custom!.TokenHeaderOf(name) is { } tokenHeader
            ? _custom.AuthorizeTokenAsync(name, context.Request.GetHeader(tokenHeader), context.MethodArn, keys, cancellationToken)
            : _custom.AuthorizeAsync(name, ToCustomRequest(context), keys, cancellationToken)).ConfigureAwait(false);
        if (outcome.StatusCode is 401 or >= 500 || outcome.Policy is null)
        {
            return FromOutcome(context, outcome, AuthorizationType.Custom);
        }

        // The authorizer's deciding statement and the resource policy's combine in the one CUSTOM table the simulator uses.
        var authorizer = new PolicyEvaluation(outcome.Reason switch
        {
            DecisionReason.Allow => PolicyDecision.Allow,
            DecisionReason.ExplicitDeny => PolicyDecision.ExplicitDeny,
            _ => PolicyDecision.ImplicitDeny,
        }, outcome.Statement);
        var combined = GatewayAuthorization.CombineWithAuthorizer(context.AnonymousRequest, authorizer, resourceEvaluation);
        var decision = ApiGateway.FromAuthorization(combined, AuthorizationType.Custom, context.MethodArn);
        return With(decision, outcome);
    }

    private CustomAuthorizerRequest ToCustomRequest(GatewayAuthorizerContext context)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multiHeaders = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Headers)
        {
            headers.TryAdd(key, value);
            if (!multiHeaders.TryGetValue(key, out var values))
            {
                multiHeaders[key] = values = [];
            }
            values.Add(value);
        }
        return new CustomAuthorizerRequest
        {
            MethodArn = context.MethodArn,
            Resource = request.Resource ?? request.Path,
            Path = request.Path,
            HttpMethod = request.Method,
            Headers = headers,
            MultiValueHeaders = multiHeaders,
            QueryStringParameters = request.Query.ToDictionary(q => q.Key, q => q.Value.Count > 0 ? q.Value[^1] : "", StringComparer.Ordinal),
            MultiValueQueryStringParameters = request.Query.ToDictionary(q => q.Key, q => (IList<string>)[.. q.Value], StringComparer.Ordinal),
            PathParameters = new Dictionary<string, string>(request.PathParameters, StringComparer.Ordinal),
            StageVariables = new Dictionary<string, string>(request.StageVariables, StringComparer.Ordinal),
            RequestContext = new CustomAuthorizerRequestContext
            {
                AccountId = _requestContext.AccountId,
                ApiId = _requestContext.ApiId,
                Stage = _requestContext.Stage,
                ResourcePath = request.Resource ?? request.Path,
                HttpMethod = request.Method,
                Path = request.Path,
                Protocol = "HTTP/1.1",
                DomainName = request.GetHeader("Host"),
                Identity = new CustomAuthorizerRequestIdentity { SourceIp = request.SourceIp?.ToString(), UserAgent = request.GetHeader("User-Agent") },
            },
        };
    }

    private static GatewayDecision FromOutcome(GatewayAuthorizerContext context, AuthorizerOutcome outcome, AuthorizationType type) => new()
    {
        IsAllowed = false,
        StatusCode = outcome.StatusCode,
        ResponseType = outcome.GatewayResponseType,
        ErrorType = outcome.ErrorType,
        Message = outcome.Message,
        Reason = outcome.Reason,
        AuthorizationType = type,
        MethodArn = context.MethodArn,
        PrincipalId = outcome.PrincipalId,
        Context = outcome.Context,
        UsageIdentifierKey = outcome.UsageIdentifierKey,
    };

    private static GatewayDecision With(GatewayDecision decision, AuthorizerOutcome outcome) =>
        decision with { PrincipalId = outcome.PrincipalId, Claims = outcome.Claims, Context = outcome.Context, UsageIdentifierKey = outcome.UsageIdentifierKey };
}
