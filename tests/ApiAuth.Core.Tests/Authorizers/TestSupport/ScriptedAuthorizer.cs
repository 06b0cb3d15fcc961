using System.Collections.Concurrent;
using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>A custom authorizer whose answer the test scripts, recording every invocation.</summary>
internal sealed class ScriptedAuthorizer(Func<CustomAuthorizerRequest, CancellationToken, Task<CustomAuthorizerResponse>> answer) : ICustomAuthorizer
{
    private int _invocations;

    public ScriptedAuthorizer(CustomAuthorizerResponse response)
        : this((_, _) => Task.FromResult(response))
    {
    }

    public ScriptedAuthorizer(Func<CustomAuthorizerRequest, CustomAuthorizerResponse> answer)
        : this((request, _) => Task.FromResult(answer(request)))
    {
    }

    public int Invocations => _invocations;

    public ConcurrentQueue<CustomAuthorizerRequest> Requests { get; } = new();

    public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        Requests.Enqueue(request);
        return answer(request, cancellationToken);
    }
}
