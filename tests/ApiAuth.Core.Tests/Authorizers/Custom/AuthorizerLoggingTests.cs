using ApiAuth.Authorizers.Custom;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Custom;

/// <summary>
/// A failing authorizer leaves a trace its author can debug: one Error per failed invocation, with the exception
/// object, and never the token, the identity sources or the authorizer's context.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class AuthorizerLoggingTests
{
    private const string Token = "secret-token-value-4711";
    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly ListLogger _logger = new();

    private CustomAuthorizerInvoker Invoker(ICustomAuthorizer authorizer) =>
        new([new CustomAuthorizerRegistration(CustomAuthorizerDefinition.Token("auth", resultTtlInSeconds: 300), authorizer)],
            new CountingPolicyCompiler(), _time, logger: _logger);

    [Test]
    public async Task Authorizer_exception_is_logged_once_at_error_with_the_exception_object()
    {
        var failure = new InvalidOperationException("the tenant table is unreachable");
        var answer = new TaskCompletionSource<CustomAuthorizerResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var authorizer = new ScriptedAuthorizer((_, _) => answer.Task);
        using var invoker = Invoker(authorizer);

        // Concurrent callers with the same token share one invocation: one failure, one log entry.
        var callers = Enumerable.Range(0, 10).Select(_ => invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, Token)).AsTask()).ToList();
        answer.SetException(failure);
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        var entry = _logger.Entries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Level, Is.EqualTo(LogLevel.Error));
            Assert.That(entry.EventId, Is.EqualTo(100));
            Assert.That(entry.Exception, Is.SameAs(failure));
            Assert.That(entry.Message, Does.Contain("'auth'"));
            Assert.That(authorizer.Invocations, Is.EqualTo(1));
            Assert.That(_logger.Text, Does.Not.Contain(Token));
        });
    }

    [Test]
    public async Task Authorizer_timeout_is_logged_at_error_with_the_timeout()
    {
        var never = new TaskCompletionSource<CustomAuthorizerResponse>();
        using var invoker = Invoker(new ScriptedAuthorizer((_, _) => never.Task));

        var pending = invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, Token)).AsTask();
        _time.Advance(CustomAuthorizerDefinition.DefaultTimeout);
        await pending.WaitAsync(TimeSpan.FromSeconds(10));

        var entry = _logger.Entries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Level, Is.EqualTo(LogLevel.Error));
            Assert.That(entry.EventId, Is.EqualTo(101));
            Assert.That(_logger.Text, Does.Not.Contain(Token));
        });
    }

    [Test]
    public async Task Malformed_response_is_logged_at_error_without_its_context_values()
    {
        var malformed = new CustomAuthorizerResponse
        {
            PrincipalID = "user-1",
            PolicyDocument = AuthorizerFixtures.Allow("x", AuthorizerFixtures.GetPets).PolicyDocument,
            Context = new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["secret"] = "context-secret-value" } },
        };
        using var invoker = Invoker(new ScriptedAuthorizer(malformed));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, Token));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.StatusCode, Is.EqualTo(500));
            Assert.That(_logger.Entries.Single().EventId, Is.EqualTo(102));
            Assert.That(_logger.Text, Does.Not.Contain("context-secret-value").And.Not.Contain(Token));
        });
    }

    [Test]
    public async Task Expected_outcomes_are_not_logged_by_the_invoker()
    {
        using var invoker = Invoker(new ScriptedAuthorizer(CustomAuthorizerResponse.Unauthorized));

        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, Token));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, ""));

        Assert.That(_logger.Entries, Is.Empty);
    }
}
