using System.Collections.Concurrent;
using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Testing;

/// <summary>
/// A TOKEN or REQUEST authorizer whose answer the test chooses, recording every event it receives. Put it in place
/// of the app's with <see cref="ApiAuthTestKit.ReplaceAuthorizer"/>; the app's identity sources, validation
/// expression and result cache still apply, so <see cref="Invocations"/> shows exactly what API Gateway would have
/// sent a Lambda authorizer, and how often.
/// </summary>
public sealed class FakeAuthorizer : ICustomAuthorizer
{
    private readonly Func<CustomAuthorizerRequest, CancellationToken, Task<CustomAuthorizerResponse>> _answer;
    private readonly ConcurrentQueue<CustomAuthorizerRequest> _invocations = new();

    private FakeAuthorizer(Func<CustomAuthorizerRequest, CancellationToken, Task<CustomAuthorizerResponse>> answer) => _answer = answer;

    /// <summary>Every event received so far, in order.</summary>
    public IReadOnlyList<CustomAuthorizerRequest> Invocations => [.. _invocations];

    /// <summary>Allows the caller as <paramref name="principalId"/>, on every method of the stage (so a cached answer serves later calls too).</summary>
    /// <param name="principalId">The <c>principalId</c> the app sees.</param>
    /// <param name="context">The authorizer context (string, number or boolean values).</param>
    /// <returns>The fake.</returns>
    public static FakeAuthorizer Allow(string principalId, IDictionary<string, object?>? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(principalId);
        return From(request => Allowing(request, principalId, context));
    }

    /// <summary>Answers an explicit Deny for the stage: 403 "User is not authorized to access this resource with an explicit deny".</summary>
    /// <param name="principalId">The <c>principalId</c> of the denied caller.</param>
    /// <returns>The fake.</returns>
    public static FakeAuthorizer Deny(string principalId = "denied-caller") => From(request => Denying(request, principalId));

    /// <summary>Answers "Unauthorized": 401 <c>{"message":"Unauthorized"}</c>.</summary>
    /// <returns>The fake.</returns>
    public static FakeAuthorizer Unauthorized() => From(_ => CustomAuthorizerResponse.Unauthorized);

    /// <summary>Throws, as a failing Lambda would: 500 with <c>AuthorizerConfigurationException</c>.</summary>
    /// <param name="exception">The exception to throw; an <see cref="InvalidOperationException"/> when null.</param>
    /// <returns>The fake.</returns>
    public static FakeAuthorizer Throws(Exception? exception = null) =>
        new((_, _) => Task.FromException<CustomAuthorizerResponse>(exception ?? new InvalidOperationException("FakeAuthorizer.Throws() was asked to fail.")));

    /// <summary>Answers what <paramref name="answer"/> returns for each event.</summary>
    /// <param name="answer">The answer, e.g. <c>r =&gt; r.AuthorizationToken == "ok" ? FakeAuthorizer.Allowing(r, "alice") : CustomAuthorizerResponse.Unauthorized</c>.</param>
    /// <returns>The fake.</returns>
    public static FakeAuthorizer From(Func<CustomAuthorizerRequest, CustomAuthorizerResponse> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new((request, _) => Task.FromResult(answer(request)));
    }

    /// <summary>Answers what the asynchronous <paramref name="answer"/> returns (it sees the authorizer's timeout as cancellation).</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>The fake.</returns>
    public static FakeAuthorizer From(Func<CustomAuthorizerRequest, CancellationToken, Task<CustomAuthorizerResponse>> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(answer);
    }

    /// <summary>An Allow answer for every method of the request's stage.</summary>
    /// <param name="request">The event being answered.</param>
    /// <param name="principalId">The caller.</param>
    /// <param name="context">The authorizer context.</param>
    /// <returns>The answer.</returns>
    public static CustomAuthorizerResponse Allowing(CustomAuthorizerRequest request, string principalId, IDictionary<string, object?>? context = null) =>
        Answer("Allow", request, principalId, context);

    /// <summary>An explicit Deny answer for every method of the request's stage.</summary>
    /// <param name="request">The event being answered.</param>
    /// <param name="principalId">The caller.</param>
    /// <param name="context">The authorizer context.</param>
    /// <returns>The answer.</returns>
    public static CustomAuthorizerResponse Denying(CustomAuthorizerRequest request, string principalId, IDictionary<string, object?>? context = null) =>
        Answer("Deny", request, principalId, context);

    /// <inheritdoc />
    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _invocations.Enqueue(request);
        return _answer(request, cancellationToken);
    }

    private static CustomAuthorizerResponse Answer(string effect, CustomAuthorizerRequest request, string principalId, IDictionary<string, object?>? context)
    {
        ArgumentNullException.ThrowIfNull(request);
        // arn:aws:execute-api:{region}:{account}:{api}/{stage}/{method}/{path} -> .../{stage}/*
        var parts = request.MethodArn.Split('/');
        var stage = parts.Length >= 2 ? $"{parts[0]}/{parts[1]}/*" : request.MethodArn;
        return new CustomAuthorizerResponse
        {
            PrincipalID = principalId,
            PolicyDocument = new AuthorizerPolicyDocument
            {
                Statement = [new AuthorizerPolicyStatement { Effect = effect, Action = new HashSet<string> { "execute-api:Invoke" }, Resource = new HashSet<string> { stage } }],
            },
            Context = context is null ? null : new Dictionary<string, object?>(context),
        };
    }
}
