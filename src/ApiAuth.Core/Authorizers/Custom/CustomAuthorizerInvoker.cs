using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using ApiAuth.Authorizers.Caching;
using ApiAuth.Gateway;
using ApiAuth.Policies.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// Runs custom authorizers the way API Gateway does: checks the identity sources (and the TOKEN validation
/// expression) without invoking on failure, answers from the result cache, invokes once per identity on a miss with a
/// timeout, and evaluates the authorizer's policy against the request's method ARN.
/// </summary>
public sealed class CustomAuthorizerInvoker : IDisposable
{
    /// <summary>How many authorizer results are cached unless configured otherwise.</summary>
    public const int DefaultCacheSizeLimit = 10_000;

    private readonly FrozenDictionary<string, CustomAuthorizerRegistration> _registrations;
    private readonly IAuthorizerPolicyCompiler _policyCompiler;
    private readonly TimeProvider _timeProvider;
    private readonly AuthorizerResultCache _cache;
    private readonly AuthorizerMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates an invoker for a set of authorizers.</summary>
    /// <param name="registrations">The authorizers; names must be unique (compared ordinally).</param>
    /// <param name="policyCompiler">Compiles the policies authorizers return (the policy engine).</param>
    /// <param name="timeProvider">The clock for cache expiry and timeouts.</param>
    /// <param name="cacheSizeLimit">How many results the cache holds at most.</param>
    /// <param name="meter">The <c>ApiAuth</c> meter to count cache hits and invocations on, e.g. from
    /// <c>IMeterFactory.Create("ApiAuth")</c>; null for a process-wide one.</param>
    /// <param name="logger">Where an authorizer's exception, timeout or malformed response is logged (at Error, once
    /// per failed invocation, with the exception object); null for none.</param>
    /// <exception cref="ArgumentException">Two authorizers share a name.</exception>
    public CustomAuthorizerInvoker(
        IEnumerable<CustomAuthorizerRegistration> registrations,
        IAuthorizerPolicyCompiler policyCompiler,
        TimeProvider timeProvider,
        int cacheSizeLimit = DefaultCacheSizeLimit,
        Meter? meter = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(policyCompiler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var byName = new Dictionary<string, CustomAuthorizerRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!byName.TryAdd(registration.Definition.Name, registration))
            {
                throw new ArgumentException($"Two custom authorizers are named '{registration.Definition.Name}'; names must be unique.", nameof(registrations));
            }
        }

        _registrations = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _policyCompiler = policyCompiler;
        _timeProvider = timeProvider;
        _metrics = AuthorizerMetrics.For(meter);
        _logger = logger ?? NullLogger.Instance;
        _cache = new AuthorizerResultCache(timeProvider, cacheSizeLimit);
    }

    /// <summary>Authorizes one request with the named authorizer.</summary>
    /// <param name="authorizerName">A registered authorizer's name.</param>
    /// <param name="request">The request as the adapter sees it; <see cref="CustomAuthorizerRequest.MethodArn"/> is required.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (a shared invocation keeps running for the others).</param>
    /// <returns>The outcome; expected failures are outcomes, never exceptions.</returns>
    /// <exception cref="ArgumentException">No authorizer has that name (a configuration mistake).</exception>
    public ValueTask<AuthorizerOutcome> AuthorizeAsync(string authorizerName, CustomAuthorizerRequest request, CancellationToken cancellationToken = default) =>
        AuthorizeAsync(authorizerName, request, conditionKeys: null, cancellationToken);

    /// <summary>
    /// Authorizes one request with the named authorizer, evaluating the authorizer's policy with the request's
    /// condition keys (<c>aws:SourceIp</c>, ...) as API Gateway does.
    /// </summary>
    /// <param name="authorizerName">A registered authorizer's name.</param>
    /// <param name="request">The request as the adapter sees it; <see cref="CustomAuthorizerRequest.MethodArn"/> is required.</param>
    /// <param name="conditionKeys">The request's condition keys, or null to evaluate the policy on the method ARN alone.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (a shared invocation keeps running for the others).</param>
    /// <returns>The outcome; expected failures are outcomes, never exceptions.</returns>
    /// <exception cref="ArgumentException">No authorizer has that name (a configuration mistake).</exception>
    public ValueTask<AuthorizerOutcome> AuthorizeAsync(
        string authorizerName, CustomAuthorizerRequest request, RequestContext? conditionKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registration = Registration(authorizerName);
        var definition = registration.Definition;
        if (definition.Type == CustomAuthorizerType.Token)
        {
            return AuthorizeToken(registration, definition.IdentitySources[0].Find(request), request.MethodArn, conditionKeys, cancellationToken);
        }

        var values = new string[definition.IdentitySources.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = definition.IdentitySources[i].Find(request);
            if (string.IsNullOrEmpty(value))
            {
                return new ValueTask<AuthorizerOutcome>(AuthorizerOutcome.Unauthorized(DecisionReason.MissingIdentitySource));
            }

            values[i] = value;
        }

        if (TryAnswerFromCache(definition, values, request.MethodArn, conditionKeys, out var hit))
        {
            return new ValueTask<AuthorizerOutcome>(hit);
        }

        var requestEvent = new CustomAuthorizerRequest
        {
            Type = "REQUEST",
            MethodArn = request.MethodArn,
            Resource = request.Resource,
            Path = request.Path,
            HttpMethod = request.HttpMethod,
            Headers = request.Headers,
            MultiValueHeaders = request.MultiValueHeaders,
            QueryStringParameters = request.QueryStringParameters,
            MultiValueQueryStringParameters = request.MultiValueQueryStringParameters,
            PathParameters = request.PathParameters,
            StageVariables = request.StageVariables,
            RequestContext = request.RequestContext,
        };
        return new ValueTask<AuthorizerOutcome>(InvokeAsync(registration, requestEvent, values, conditionKeys, cancellationToken));
    }

    /// <summary>
    /// The header a TOKEN authorizer reads its token from, or null for a REQUEST authorizer: with it, an adapter can
    /// hand over the token alone (<see cref="AuthorizeTokenAsync"/>) instead of building the whole request event.
    /// </summary>
    /// <exception cref="ArgumentException">No authorizer has that name.</exception>
    internal string? TokenHeaderOf(string authorizerName) =>
        Registration(authorizerName).Definition is { Type: CustomAuthorizerType.Token } token ? token.IdentitySources[0].Name : null;

    /// <summary>Authorizes with a TOKEN authorizer given the token itself (null when the header is absent).</summary>
    /// <exception cref="ArgumentException">No authorizer has that name.</exception>
    internal ValueTask<AuthorizerOutcome> AuthorizeTokenAsync(
        string authorizerName, string? token, string methodArn, RequestContext? conditionKeys, CancellationToken cancellationToken) =>
        AuthorizeToken(Registration(authorizerName), token, methodArn, conditionKeys, cancellationToken);

    /// <summary>How many results the cache holds (for tests and diagnostics).</summary>
    internal int CachedResultCount => _cache.Count;

    /// <summary>Stops using the result cache.</summary>
    public void Dispose() => _cache.Dispose();

    private CustomAuthorizerRegistration Registration(string authorizerName) =>
        _registrations.TryGetValue(authorizerName, out var registration)
            ? registration
            : throw new ArgumentException($"No custom authorizer is named '{authorizerName}'.", nameof(authorizerName));

    private ValueTask<AuthorizerOutcome> AuthorizeToken(
        CustomAuthorizerRegistration registration, string? token, string methodArn, RequestContext? conditionKeys, CancellationToken cancellationToken)
    {
        var definition = registration.Definition;
        if (CheckToken(definition, token) is { } rejection)
        {
            return new ValueTask<AuthorizerOutcome>(rejection);
        }

        // Single value: a span over the local avoids an array on the hot path.
        var presentToken = token!;
        if (TryAnswerFromCache(definition, new ReadOnlySpan<string>(in presentToken), methodArn, conditionKeys, out var cached))
        {
            return new ValueTask<AuthorizerOutcome>(cached);
        }

        var tokenEvent = new CustomAuthorizerRequest { Type = "TOKEN", AuthorizationToken = presentToken, MethodArn = methodArn };
        return new ValueTask<AuthorizerOutcome>(InvokeAsync(registration, tokenEvent, [presentToken], conditionKeys, cancellationToken));
    }

    // A cache hit: the stored result re-evaluated for this method ARN (and condition keys), counted.
    private bool TryAnswerFromCache(
        CustomAuthorizerDefinition definition, ReadOnlySpan<string> identitySourceValues, string methodArn, RequestContext? conditionKeys,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AuthorizerOutcome? outcome)
    {
        if (definition.ResultTtl > TimeSpan.Zero && _cache.TryGet(definition.Name, identitySourceValues, out var result))
        {
            _metrics.CacheHits.Add(1);
            outcome = result.Evaluate(methodArn, conditionKeys);
            return true;
        }
        outcome = null;
        return false;
    }

    private static AuthorizerOutcome? CheckToken(CustomAuthorizerDefinition definition, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return AuthorizerOutcome.Unauthorized(DecisionReason.MissingIdentitySource);
        }

        try
        {
            return definition.ValidationExpression is { } expression && !expression.IsMatch(token)
                ? AuthorizerOutcome.Unauthorized(DecisionReason.ValidationExpressionMismatch)
                : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return AuthorizerOutcome.Unauthorized(DecisionReason.ValidationExpressionTimeout);
        }
    }

    private async Task<AuthorizerOutcome> InvokeAsync(
        CustomAuthorizerRegistration registration, CustomAuthorizerRequest authorizerEvent, string[] identitySourceValues, RequestContext? conditionKeys,
        CancellationToken cancellationToken)
    {
        var definition = registration.Definition;
        if (definition.ResultTtl == TimeSpan.Zero)
        {
            var uncached = await InvokeWithTimeoutAsync(registration, authorizerEvent).WaitAsync(cancellationToken).ConfigureAwait(false);
            return uncached.OutcomeFor(authorizerEvent.MethodArn, conditionKeys);
        }

        var identity = CacheIdentity.Create(definition.Name, identitySourceValues);
        var invocation = await _cache
            .InvokeOnceAsync(identity, definition.ResultTtl, () => InvokeWithTimeoutAsync(registration, authorizerEvent))
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        return invocation.OutcomeFor(authorizerEvent.MethodArn, conditionKeys);
    }

    // Never throws: every way an authorizer can fail becomes an outcome. The shared invocation is bounded by the
    // authorizer's timeout only, so one impatient caller cannot fail the others waiting on it.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any authorizer exception is API Gateway's 500 AuthorizerConfigurationException.")]
    private async Task<AuthorizerInvocation> InvokeWithTimeoutAsync(CustomAuthorizerRegistration registration, CustomAuthorizerRequest authorizerEvent)
    {
        _metrics.Invocations.Add(1);
        var timeout = registration.Definition.Timeout;
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        try
        {
            var response = await registration.Authorizer
                .AuthorizeAsync(authorizerEvent, timeoutSource.Token)
                .WaitAsync(timeout, _timeProvider)
                .ConfigureAwait(false);
            var invocation = CustomAuthorizerResponseValidator.Validate(response, _policyCompiler);
            if (invocation.Failure is { StatusCode: >= 500, Reason: var reason })
            {
                AuthorizerLog.AuthorizerMalformed(_logger, registration.Definition.Name, reason);
            }
            return invocation;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && timeoutSource.IsCancellationRequested))
        {
            AuthorizerLog.AuthorizerTimedOut(_logger, registration.Definition.Name, timeout);
            return AuthorizerInvocation.Failed(AuthorizerOutcome.ConfigurationError(DecisionReason.AuthorizerTimeout));
        }
        catch (Exception e) when (e.Message == AuthorizerOutcome.UnauthorizedMessage)
        {
            // Lambda authorizers signal 401 by failing with exactly this message; ported code keeps working.
            return AuthorizerInvocation.Failed(AuthorizerOutcome.Unauthorized(DecisionReason.AuthorizerUnauthorized));
        }
        catch (Exception e)
        {
            AuthorizerLog.AuthorizerThrew(_logger, registration.Definition.Name, e);
            return AuthorizerInvocation.Failed(AuthorizerOutcome.ConfigurationError(DecisionReason.AuthorizerException));
        }
    }
}
