using ApiAuth.Authorizers.Caching;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Caching;

/// <summary>
/// API Gateway's authorizer result cache, through <see cref="CustomAuthorizerInvoker"/>. Policies are compiled and
/// evaluated by the real IAM policy engine (<see cref="ApiAuth.Gateway.EngineAuthorizerPolicyCompiler"/>).
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class AuthorizerResultCacheTests
{
    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly CountingPolicyCompiler _compiler = new();

    private CustomAuthorizerInvoker Invoker(ICustomAuthorizer authorizer, int ttl = 300, int sizeLimit = 100) =>
        new([new(CustomAuthorizerDefinition.Token("auth", resultTtlInSeconds: ttl), authorizer)], _compiler, _time, sizeLimit);

    [Test]
    public async Task Second_identical_request_is_answered_from_the_cache()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer);

        var first = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        var second = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));

        Assert.That(first.IsAllowed && second.IsAllowed, Is.True);
        Assert.That(authorizer.Invocations, Is.EqualTo(1));
        Assert.That(_compiler.Compilations, Is.EqualTo(1), "the policy is compiled once per cached result");
    }

    [Test]
    public async Task Different_token_is_a_miss()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer);

        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t2"));

        Assert.That(authorizer.Invocations, Is.EqualTo(2));
    }

    [Test]
    public async Task Result_expires_after_the_TTL_on_the_injected_clock()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer, ttl: 300);

        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        _time.Advance(TimeSpan.FromSeconds(299));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        Assert.That(authorizer.Invocations, Is.EqualTo(1), "still cached at 299 s");

        _time.Advance(TimeSpan.FromSeconds(1));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        Assert.That(authorizer.Invocations, Is.EqualTo(2), "expired at 300 s");
    }

    [Test]
    public async Task TTL_0_invokes_every_time()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer, ttl: 0);

        for (var i = 0; i < 3; i++)
        {
            await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        }

        Assert.That(authorizer.Invocations, Is.EqualTo(3));
        Assert.That(invoker.CachedResultCount, Is.Zero);
    }

    [Test]
    public async Task Cached_allow_for_GET_pets_is_re_evaluated_for_DELETE_pets()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer);

        var get = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        var delete = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.DeletePets, "t1"));

        Assert.That(get.IsAllowed, Is.True);
        Assert.That(delete.StatusCode, Is.EqualTo(403));
        Assert.That(delete.Reason, Is.EqualTo(DecisionReason.ImplicitDeny));
        Assert.That(delete.PrincipalId, Is.EqualTo("u"));
        Assert.That(get.Policy, Is.Not.Null);
        Assert.That(delete.Policy, Is.SameAs(get.Policy), "the gateway gets the cached compiled policy to combine with the resource policy");
        Assert.That(authorizer.Invocations, Is.EqualTo(1), "DELETE was decided from the cached policy");
    }

    [Test]
    public async Task Cached_wildcard_policy_allows_other_methods_it_covers()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.ApiArn + "/*/pets"));
        using var invoker = Invoker(authorizer);

        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        var delete = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.DeletePets, "t1"));

        Assert.That(delete.IsAllowed, Is.True);
        Assert.That(authorizer.Invocations, Is.EqualTo(1));
    }

    [Test]
    public async Task Deny_policies_are_cached_too()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Answer("u", "Deny", "*"));
        using var invoker = Invoker(authorizer);

        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        var second = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));

        Assert.That(second.Reason, Is.EqualTo(DecisionReason.ExplicitDeny));
        Assert.That(authorizer.Invocations, Is.EqualTo(1));
    }

    [Test]
    public async Task Same_token_on_two_authorizers_is_cached_separately()
    {
        var allow = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));
        var deny = new ScriptedAuthorizer(AuthorizerFixtures.Answer("u", "Deny", "*"));
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Token("a"), allow), new(CustomAuthorizerDefinition.Token("b"), deny)], _compiler, _time);

        var viaA = await invoker.AuthorizeAsync("a", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "same"));
        var viaB = await invoker.AuthorizeAsync("b", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "same"));

        Assert.That(viaA.IsAllowed, Is.True);
        Assert.That(viaB.Reason, Is.EqualTo(DecisionReason.ExplicitDeny));
        Assert.That(allow.Invocations + deny.Invocations, Is.EqualTo(2));
    }

    [Test]
    public async Task Request_sources_are_keyed_without_separator_collisions()
    {
        var authorizer = new ScriptedAuthorizer(request => request.Headers!["A"] == "a,b"
            ? AuthorizerFixtures.Allow("first", "*")
            : AuthorizerFixtures.Answer("second", "Deny", "*"));
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Request("req", "method.request.header.A,method.request.header.B"), authorizer)], _compiler, _time);

        var first = await invoker.AuthorizeAsync("req", new CustomAuthorizerRequest
        {
            MethodArn = AuthorizerFixtures.GetPets,
            Headers = new Dictionary<string, string> { ["A"] = "a,b", ["B"] = "c" },
        });
        var second = await invoker.AuthorizeAsync("req", new CustomAuthorizerRequest
        {
            MethodArn = AuthorizerFixtures.GetPets,
            Headers = new Dictionary<string, string> { ["A"] = "a", ["B"] = "b,c" },
        });

        Assert.That(first.PrincipalId, Is.EqualTo("first"));
        Assert.That(second.PrincipalId, Is.EqualTo("second"));
        Assert.That(authorizer.Invocations, Is.EqualTo(2));
    }

    [Test]
    public async Task Changing_any_one_request_source_is_a_miss()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Request("req", "method.request.header.A,method.request.querystring.q"), authorizer)], _compiler, _time);

        CustomAuthorizerRequest Make(string a, string q) => new()
        {
            MethodArn = AuthorizerFixtures.GetPets,
            Headers = new Dictionary<string, string> { ["A"] = a },
            QueryStringParameters = new Dictionary<string, string> { ["q"] = q },
        };

        await invoker.AuthorizeAsync("req", Make("1", "1"));
        await invoker.AuthorizeAsync("req", Make("1", "1"));
        await invoker.AuthorizeAsync("req", Make("1", "2"));
        await invoker.AuthorizeAsync("req", Make("2", "1"));

        Assert.That(authorizer.Invocations, Is.EqualTo(3));
    }

    [Test]
    public void Cache_identity_encoding_is_unambiguous()
    {
        Assert.That(CacheIdentity.Create("x", ["a,b", "c"]), Is.Not.EqualTo(CacheIdentity.Create("x", ["a", "b,c"])));
        Assert.That(CacheIdentity.Create("x", ["ab"]), Is.Not.EqualTo(CacheIdentity.Create("x", ["a", "b"])));
        Assert.That(CacheIdentity.Create("xa", ["b"]), Is.Not.EqualTo(CacheIdentity.Create("x", ["ab"])));
        Assert.That(CacheIdentity.Create("x", [""]), Is.Not.EqualTo(CacheIdentity.Create("x", [])));
    }

    [Test]
    public void Cache_identity_keeps_ascii_and_other_text_apart()
    {
        // U+6261's UTF-16 bytes are "ab" in ASCII; lone surrogates would both become U+FFFD in UTF-8.
        Assert.That(CacheIdentity.Create("x", ["\u6261"]), Is.Not.EqualTo(CacheIdentity.Create("x", ["ab"])));
        Assert.That(CacheIdentity.Create("x", ["\uD800"]), Is.Not.EqualTo(CacheIdentity.Create("x", ["\uDBFF"])));
    }

    [Test]
    public async Task Tokens_differing_only_in_a_lone_surrogate_are_cached_separately()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer);

        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t\uD800"));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t\uDBFF"));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t\uD800"));

        Assert.That(authorizer.Invocations, Is.EqualTo(2));
    }

    [Test]
    public async Task Hundred_concurrent_identical_requests_invoke_the_authorizer_once()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var authorizer = new ScriptedAuthorizer(async (_, _) =>
        {
            await release.Task;
            return AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets);
        });
        using var invoker = Invoker(authorizer);

        var requests = Enumerable.Range(0, 100)
            .Select(_ => Task.Run(() => invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1")).AsTask()))
            .ToArray();
        await Task.Delay(100);
        release.SetResult();
        var outcomes = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(outcomes.All(o => o.IsAllowed), Is.True);
        Assert.That(authorizer.Invocations, Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_callers_share_a_failure_but_it_is_not_cached()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var authorizer = new ScriptedAuthorizer(async (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
                throw new InvalidOperationException("boom");
            }

            return AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets);
        });
        using var invoker = Invoker(authorizer);

        var requests = Enumerable.Range(0, 20).Select(_ => invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1")).AsTask()).ToArray();
        release.SetResult();
        var outcomes = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(10));
        var after = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));

        Assert.That(outcomes.All(o => o.StatusCode == 500), Is.True);
        Assert.That(after.IsAllowed, Is.True);
        Assert.That(authorizer.Invocations, Is.EqualTo(2));
    }

    [Test]
    public async Task Unauthorized_and_exceptions_are_never_cached()
    {
        var answers = new Queue<Func<Task<CustomAuthorizerResponse>>>(
        [
            () => Task.FromResult(CustomAuthorizerResponse.Unauthorized),
            () => throw new InvalidOperationException("boom"),
            () => Task.FromResult(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets)),
        ]);
        var authorizer = new ScriptedAuthorizer((_, _) => answers.Dequeue()());
        using var invoker = Invoker(authorizer);

        var first = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        var second = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));
        var third = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));

        Assert.That(new[] { first.StatusCode, second.StatusCode, third.StatusCode }, Is.EqualTo(new[] { 401, 500, 200 }));
        Assert.That(authorizer.Invocations, Is.EqualTo(3));
    }

    [Test]
    public async Task Timeouts_are_not_cached()
    {
        var first = true;
        var authorizer = new ScriptedAuthorizer((_, _) =>
        {
            if (first)
            {
                first = false;
                return new TaskCompletionSource<CustomAuthorizerResponse>().Task;
            }

            return Task.FromResult(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        });
        using var invoker = Invoker(authorizer);

        var pending = invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1")).AsTask();
        _time.Advance(CustomAuthorizerDefinition.DefaultTimeout);
        var timedOut = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        var retried = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"));

        Assert.That(timedOut.Reason, Is.EqualTo(DecisionReason.AuthorizerTimeout));
        Assert.That(retried.IsAllowed, Is.True);
    }

    [Test]
    public async Task Cache_holds_no_more_results_than_its_size_limit()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));
        using var invoker = Invoker(authorizer, sizeLimit: 2);

        for (var i = 0; i < 5; i++)
        {
            await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, $"t{i}"));
        }

        Assert.That(invoker.CachedResultCount, Is.LessThanOrEqualTo(2));
    }

    [Test]
    public async Task A_cancelled_caller_does_not_cancel_the_shared_invocation()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var authorizer = new ScriptedAuthorizer(async (_, _) =>
        {
            await release.Task;
            return AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets);
        });
        using var invoker = Invoker(authorizer);
        using var impatient = new CancellationTokenSource();

        var cancelled = invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1"), impatient.Token).AsTask();
        var patient = invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t1")).AsTask();
        await impatient.CancelAsync();
        release.SetResult();

        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await patient.WaitAsync(TimeSpan.FromSeconds(10))).IsAllowed, Is.True);
        Assert.That(authorizer.Invocations, Is.EqualTo(1));
    }
}
