using ApiAuth.Arns;
using ApiAuth.Model;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using ApiAuth.UsagePlans;

namespace ApiAuth.Gateway;

/// <summary>
/// The decision pipeline of an API Gateway REST API, in API Gateway's order: the method's authorization type,
/// authentication (SigV4, token, authorizer), then authorization against <c>execute-api:Invoke</c> on the method ARN
/// with the API's resource policy. Thread-safe; one per API stage.
/// </summary>
public sealed class ApiGateway
{
    private static readonly KeyValuePair<string, Policies.Evaluation.ContextValue>[] AnonymousKeys = GatewayContextKeys.ForCaller(RequestPrincipal.Anonymous, null);

    private readonly string _stagePrefix;
    private readonly SigV4Verifier? _verifier;
    private readonly CompiledPolicy? _resourcePolicy;
    private readonly IdentityPolicyCache _identityPolicies;
    private readonly IGatewayAuthorizers? _authorizers;
    private readonly TimeProvider _time;

    /// <summary>Builds the pipeline of a checked API model.</summary>
    /// <param name="model">The API, from <see cref="ApiModelBuilder"/>.</param>
    /// <param name="authorizers">The model's authorizers with their implementations; null when it has none.</param>
    /// <param name="moreCredentials">Callers asked for after the model's own (a database, a test kit); null for none.</param>
    /// <param name="usagePlans">The API keys and usage plans; null when the API has none.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    /// <returns>The pipeline.</returns>
    public static ApiGateway Create(ApiModel model, IGatewayAuthorizers? authorizers = null, ICredentialStore? moreCredentials = null, UsagePlanEnforcer? usagePlans = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ICredentialStore store = new InMemoryCredentialStore(model.Credentials);
        if (moreCredentials is not null)
        {
            store = new ChainedCredentialStore(store, moreCredentials);
        }
        var verifier = new SigV4Verifier(store, model.Signing, timeProvider);
        return new ApiGateway(model.Api, model.Stage, verifier, model.ResourcePolicy, authorizers, timeProvider, model.Callers) { UsagePlanEnforcer = usagePlans };
    }

    /// <summary>Creates the pipeline from its parts (tests and benchmarks; users start from an <see cref="ApiModel"/>).</summary>
    /// <param name="api">Region, account and API id.</param>
    /// <param name="stage">The stage name in method ARNs, e.g. <c>prod</c>.</param>
    /// <param name="verifier">The SigV4 verifier for AWS_IAM methods; null when the API has none.</param>
    /// <param name="resourcePolicy">The API's resource policy, or null.</param>
    /// <param name="authorizers">Cognito and custom authorizers by name; null when the API has none.</param>
    /// <param name="timeProvider">The clock for condition keys; null for the system clock.</param>
    /// <param name="callers">Identity policies compiled already; null to compile on first use.</param>
    internal ApiGateway(RestApiReference api, string stage, SigV4Verifier? verifier, CompiledPolicy? resourcePolicy, IGatewayAuthorizers? authorizers = null, TimeProvider? timeProvider = null, IdentityPolicyCache? callers = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        _stagePrefix = MethodArn.StagePrefix(api, stage);
        _verifier = verifier;
        _resourcePolicy = resourcePolicy;
        _identityPolicies = callers ?? new IdentityPolicyCache(api);
        _authorizers = authorizers;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The API keys and usage plans for methods with <see cref="MethodAuthorization.ApiKeyRequired"/>; null when the
    /// API has none (such a method then fails closed with a configuration error).
    /// </summary>
    public UsagePlanEnforcer? UsagePlanEnforcer { get; init; }

    /// <summary>
    /// Compiles a caller's identity policies and condition keys now instead of on its first signed request (they are
    /// kept for as long as the credential object lives).
    /// </summary>
    /// <param name="credential">A credential the credential store can return.</param>
    /// <returns>Why the credential's requests would be refused (a policy that does not compile, a principal ARN that
    /// does not parse), or null when it is ready.</returns>
    public string? PrepareCaller(AccessKeyCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return _identityPolicies.Get(credential).Error;
    }

    /// <summary>The method ARN API Gateway authorizes for a request.</summary>
    public string MethodArnFor(string httpMethod, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        return MethodArn.Build(_stagePrefix, httpMethod, path);
    }

    /// <summary>Decides a request for a method. Never throws for bad input: every failure is a denial.</summary>
    public async ValueTask<GatewayDecision> AuthorizeAsync(GatewayRequest request, MethodAuthorization method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(method);
        var methodArn = MethodArnFor(request.Method, request.Path);
        var decision = method.Type switch
        {
            AuthorizationType.None => AuthorizeAnonymous(request, method, methodArn),
            AuthorizationType.AwsIam => await AuthorizeIamAsync(request, methodArn, cancellationToken).ConfigureAwait(false),
            AuthorizationType.CognitoUserPools or AuthorizationType.Custom when _authorizers is not null =>
                await _authorizers.AuthorizeAsync(new GatewayAuthorizerContext(request, method, methodArn, _resourcePolicy, AnonymousPolicyRequest(request, methodArn)), cancellationToken)
                    .ConfigureAwait(false),
            _ => Misconfigured(method, methodArn, $"no authorizer is configured for {method.Type}"),
        };
        // API Gateway checks the API key and applies its usage plan after authentication and authorization: with the
        // AUTHORIZER source the key is the authorizer's answer, and a refused caller never spends a key's quota.
        return method.ApiKeyRequired && decision.IsAllowed
            ? await CheckApiKeyAsync(request, method, decision, cancellationToken).ConfigureAwait(false)
            : decision;
    }

    private async ValueTask<GatewayDecision> CheckApiKeyAsync(GatewayRequest request, MethodAuthorization method, GatewayDecision decision, CancellationToken cancellationToken)
    {
        if (UsagePlanEnforcer is not { } enforcer)
        {
            return Misconfigured(method, decision.MethodArn, "the method requires an API key and the API has no API keys");
        }
        string? presented;
        if (enforcer.Source == ApiKeySource.Authorizer)
        {
            presented = decision.UsageIdentifierKey;
        }
        else if (HeaderLines.Count(request.Headers, UsagePlans.UsagePlanEnforcer.ApiKeyHeader) > 1)
        {
            return ApiKeyDenied(new UsageCheck(DecisionReason.ApiKeyRepeated), method, decision.MethodArn);
        }
        else
        {
            presented = request.GetHeader(UsagePlans.UsagePlanEnforcer.ApiKeyHeader);
        }
        var check = await enforcer.CheckAsync(presented, request.Method, request.Resource, cancellationToken).ConfigureAwait(false);
        return check.IsAllowed
            ? decision with { ApiKeyId = check.Key!.Id, UsagePlan = check.Plan!.Name }
            : ApiKeyDenied(check, method, decision.MethodArn);
    }

    // API Gateway's answers: 403 {"message":"Forbidden"} for a bad key, 429 for the throttle and the quota.
    private static GatewayDecision ApiKeyDenied(UsageCheck check, MethodAuthorization method, string methodArn)
    {
        var denied = check.Reason switch
        {
            DecisionReason.Throttled => GatewayDecision.Denied(429, GatewayResponseTypes.Throttled, UsageResponses.ThrottledErrorType, UsageResponses.ThrottledMessage, check.Reason, method.Type, methodArn),
            DecisionReason.QuotaExceeded => GatewayDecision.Denied(429, GatewayResponseTypes.QuotaExceeded, UsageResponses.QuotaExceededErrorType, UsageResponses.QuotaExceededMessage, check.Reason, method.Type, methodArn),
            DecisionReason.Misconfigured => Misconfigured(method, methodArn, check.Detail ?? "API keys are misconfigured"),
            DecisionReason.UsageCountersUnavailable => GatewayDecision.Denied(503, GatewayResponseTypes.Default5xx, "ServiceUnavailableException", "Service Unavailable", check.Reason, method.Type, methodArn),
            DecisionReason.ApiKeyStoreFailure => GatewayDecision.Denied(500, GatewayResponseTypes.Default5xx, "InternalServerErrorException", "Internal server error", check.Reason, method.Type, methodArn) with { Detail = check.Detail },
            _ => GatewayDecision.Denied(403, GatewayResponseTypes.InvalidApiKey, UsageResponses.ForbiddenErrorType, UsageResponses.ForbiddenMessage, check.Reason, method.Type, methodArn),
        };
        return denied with { ApiKeyId = check.Key?.Id, UsagePlan = check.Plan?.Name };
    }

    private GatewayDecision AuthorizeAnonymous(GatewayRequest request, MethodAuthorization method, string methodArn) =>
        FromAuthorization(GatewayAuthorization.AuthorizeResourcePolicyOnly(AnonymousPolicyRequest(request, methodArn), _resourcePolicy), method.Type, methodArn);

    private async ValueTask<GatewayDecision> AuthorizeIamAsync(GatewayRequest request, string methodArn, CancellationToken cancellationToken)
    {
        if (_verifier is null)
        {
            return Misconfigured(MethodAuthorization.AwsIam, methodArn, "no SigV4 verifier is configured");
        }
        var signed = new SigV4Request(request.Method, request.RawTarget, request.Headers, request.Body) { PayloadHash = request.PayloadHash };
        var verified = await _verifier.VerifyAsync(signed, cancellationToken).ConfigureAwait(false);
        if (!verified.IsValid)
        {
            return GatewayDecision.Denied(verified.StatusCode, ResponseTypeFor(verified.Reason), verified.ErrorType!, verified.Message,
                verified.Reason, AuthorizationType.AwsIam, methodArn);
        }

        var credential = verified.Credential!;
        var identity = _identityPolicies.Get(credential);
        if (identity.Error is not null)
        {
            return Misconfigured(MethodAuthorization.AwsIam, methodArn, identity.Error);
        }
        var policyRequest = new PolicyRequest(identity.Principal, PolicyRequest.InvokeAction, methodArn, GatewayContextKeys.Build(request, identity.CallerKeys, _time.GetUtcNow()));
        return FromAuthorization(GatewayAuthorization.AuthorizeIam(policyRequest, identity.Policies, _resourcePolicy), AuthorizationType.AwsIam, methodArn, credential);
    }

    private PolicyRequest AnonymousPolicyRequest(GatewayRequest request, string methodArn) =>
        new(RequestPrincipal.Anonymous, PolicyRequest.InvokeAction, methodArn, GatewayContextKeys.Build(request, AnonymousKeys, _time.GetUtcNow()));

    /// <summary>Turns a policy-combination result into a gateway decision, naming the SigV4 caller when there is one.</summary>
    internal static GatewayDecision FromAuthorization(AuthorizationDecision decision, AuthorizationType type, string methodArn, AccessKeyCredential? caller = null) => new()
    {
        PrincipalId = caller?.PrincipalArn,
        PrincipalArn = caller?.PrincipalArn,
        AccountId = caller?.AccountId,
        AccessKeyId = caller?.AccessKeyId,
        IsAllowed = decision.IsAllowed,
        StatusCode = decision.StatusCode,
        ResponseType = decision.IsAllowed ? null : GatewayResponseTypes.AccessDenied,
        ErrorType = decision.ErrorType,
        Message = decision.Message,
        Reason = decision.Decision switch
        {
            PolicyDecision.Allow => DecisionReason.Allow,
            PolicyDecision.ExplicitDeny => DecisionReason.ExplicitDeny,
            _ => DecisionReason.ImplicitDeny,
        },
        AuthorizationType = type,
        MethodArn = methodArn,
        Statements = decision.Statements,
    };

    // A method wired to something that does not exist fails closed with API Gateway's configuration error.
    internal static GatewayDecision Misconfigured(MethodAuthorization method, string methodArn, string reason) =>
        GatewayDecision.Denied(500, GatewayResponseTypes.AuthorizerConfigurationError, "AuthorizerConfigurationException", null, DecisionReason.Misconfigured, method.Type, methodArn)
            with { Detail = reason };

    private static string ResponseTypeFor(DecisionReason reason) => reason switch
    {
        DecisionReason.MissingAuthenticationToken => GatewayResponseTypes.MissingAuthenticationToken,
        DecisionReason.UnknownAccessKey or DecisionReason.InvalidSessionToken => GatewayResponseTypes.ExpiredToken,
        DecisionReason.CredentialStoreFailure => GatewayResponseTypes.Default5xx,
        _ => GatewayResponseTypes.InvalidSignature,
    };
}
