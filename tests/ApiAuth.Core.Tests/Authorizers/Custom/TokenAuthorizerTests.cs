using System.Text.Json;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Custom;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class TokenAuthorizerTests
{
    private readonly FakeTimeProvider _time = new(TestJwt.Now);

    private CustomAuthorizerInvoker Invoker(ICustomAuthorizer authorizer, string? validationExpression = null, int ttl = 300) =>
        new([new CustomAuthorizerRegistration(CustomAuthorizerDefinition.Token("auth", validationExpression: validationExpression, resultTtlInSeconds: ttl), authorizer)],
            new CountingPolicyCompiler(), _time);

    [Test]
    public async Task Allow_policy_lets_the_request_through_with_principal_context_and_usage_key()
    {
        var response = new CustomAuthorizerResponse
        {
            PrincipalID = "user-1",
            PolicyDocument = AuthorizerFixtures.Allow("x", AuthorizerFixtures.GetPets).PolicyDocument,
            Context = new Dictionary<string, object?> { ["tenant"] = "t1", ["level"] = 3, ["admin"] = true },
            UsageIdentifierKey = "api-key-1",
        };
        using var invoker = Invoker(new ScriptedAuthorizer(response));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "token-1"));

        Assert.That(outcome.IsAllowed, Is.True);
        Assert.That(outcome.StatusCode, Is.EqualTo(200));
        Assert.That(outcome.PrincipalId, Is.EqualTo("user-1"));
        Assert.That(outcome.Context, Is.EquivalentTo(new Dictionary<string, object> { ["tenant"] = "t1", ["level"] = 3.0, ["admin"] = true }));
        Assert.That(outcome.UsageIdentifierKey, Is.EqualTo("api-key-1"));
    }

    [Test]
    public async Task Token_event_carries_only_type_token_and_method_arn()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetPets));
        using var invoker = Invoker(authorizer);

        await invoker.AuthorizeAsync("auth", new CustomAuthorizerRequest
        {
            MethodArn = AuthorizerFixtures.GetPets,
            Path = "/pets",
            Headers = new Dictionary<string, string> { ["authorization"] = "token-1", ["X-Other"] = "o" },
        });

        var seen = authorizer.Requests.Single();
        Assert.That(seen.Type, Is.EqualTo("TOKEN"));
        Assert.That(seen.AuthorizationToken, Is.EqualTo("token-1"));
        Assert.That(seen.MethodArn, Is.EqualTo(AuthorizerFixtures.GetPets));
        Assert.That(seen.Headers, Is.Null);
        Assert.That(seen.Path, Is.Null);
    }

    [Test]
    public async Task Unauthorized_answer_is_401_with_API_Gateway_body()
    {
        using var invoker = Invoker(new ScriptedAuthorizer(CustomAuthorizerResponse.Unauthorized));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Message, Is.EqualTo("Unauthorized"));
        Assert.That(outcome.ErrorType, Is.EqualTo("UnauthorizedException"));
        Assert.That(outcome.GatewayResponseType, Is.EqualTo("UNAUTHORIZED"));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.AuthorizerUnauthorized));
    }

    [Test]
    public async Task Exception_with_message_Unauthorized_is_401_as_in_Lambda()
    {
        using var invoker = Invoker(new ScriptedAuthorizer((_, _) => throw new InvalidOperationException("Unauthorized")));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.AuthorizerUnauthorized));
    }

    [Test]
    public async Task Any_other_exception_is_500_AuthorizerConfigurationException_with_null_message()
    {
        using var invoker = Invoker(new ScriptedAuthorizer((_, _) => Task.FromException<CustomAuthorizerResponse>(new InvalidOperationException("db down"))));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(outcome.StatusCode, Is.EqualTo(500));
        Assert.That(outcome.Message, Is.Null);
        Assert.That(outcome.ErrorType, Is.EqualTo("AuthorizerConfigurationException"));
        Assert.That(outcome.GatewayResponseType, Is.EqualTo("AUTHORIZER_CONFIGURATION_ERROR"));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.AuthorizerException));
    }

    [Test]
    public async Task Explicit_deny_is_403_with_the_explicit_deny_message()
    {
        using var invoker = Invoker(new ScriptedAuthorizer(AuthorizerFixtures.Answer("u", "Deny", AuthorizerFixtures.GetPets)));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(outcome.StatusCode, Is.EqualTo(403));
        Assert.That(outcome.Message, Is.EqualTo("User is not authorized to access this resource with an explicit deny"));
        Assert.That(outcome.ErrorType, Is.EqualTo("AccessDeniedException"));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.ExplicitDeny));
    }

    [Test]
    public async Task Policy_without_a_matching_allow_is_403_implicit_deny()
    {
        using var invoker = Invoker(new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", AuthorizerFixtures.GetOrders)));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(outcome.StatusCode, Is.EqualTo(403));
        Assert.That(outcome.Message, Is.EqualTo("User is not authorized to access this resource"));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.ImplicitDeny));
    }

    [Test]
    public async Task Authorizer_that_outlives_its_timeout_is_500()
    {
        var never = new TaskCompletionSource<CustomAuthorizerResponse>();
        using var invoker = Invoker(new ScriptedAuthorizer((_, _) => never.Task));

        var pending = invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t")).AsTask();
        _time.Advance(CustomAuthorizerDefinition.DefaultTimeout);
        var outcome = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(outcome.StatusCode, Is.EqualTo(500));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.AuthorizerTimeout));
    }

    [Test]
    public async Task Authorizer_sees_its_cancellation_token_fire_at_the_timeout()
    {
        CancellationToken seen = default;
        using var invoker = Invoker(new ScriptedAuthorizer(async (_, ct) =>
        {
            seen = ct;
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return AuthorizerFixtures.Allow("u", "*");
        }));

        var pending = invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t")).AsTask();
        _time.Advance(CustomAuthorizerDefinition.DefaultTimeout);
        var outcome = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.AuthorizerTimeout));
        Assert.That(seen.IsCancellationRequested, Is.True, "the authorizer's own token fired, so it can stop its work");
    }

    [TestCase(null)]
    [TestCase("")]
    public async Task Missing_or_empty_token_is_401_without_invoking(string? token)
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));
        using var invoker = Invoker(authorizer);

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, token));

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.MissingIdentitySource));
        Assert.That(authorizer.Invocations, Is.Zero);
    }

    [Test]
    public async Task Token_failing_the_validation_expression_is_401_without_invoking()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));
        using var invoker = Invoker(authorizer, validationExpression: "Bearer [A-Za-z0-9._-]+");

        var rejected = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "Basic abc"));
        var accepted = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "Bearer abc.def"));

        Assert.That(rejected.StatusCode, Is.EqualTo(401));
        Assert.That(rejected.Reason, Is.EqualTo(DecisionReason.ValidationExpressionMismatch));
        Assert.That(accepted.IsAllowed, Is.True);
        Assert.That(authorizer.Invocations, Is.EqualTo(1));
    }

    [Test]
    public async Task Catastrophic_validation_expression_times_out_and_fails_closed()
    {
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));
        using var invoker = Invoker(authorizer, validationExpression: "(a+)+b");

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, new string('a', 5000) + "c"));

        Assert.That(outcome.StatusCode, Is.EqualTo(401));
        Assert.That(outcome.Reason, Is.EqualTo(DecisionReason.ValidationExpressionTimeout));
        Assert.That(authorizer.Invocations, Is.Zero);
    }

    [Test]
    public void Unknown_authorizer_name_is_a_configuration_mistake()
    {
        using var invoker = Invoker(new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*")));

        Assert.That(() => invoker.AuthorizeAsync("other", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t")), Throws.ArgumentException);
    }

    [Test]
    public void Two_authorizers_with_one_name_are_refused()
    {
        var definition = CustomAuthorizerDefinition.Token("auth");
        var authorizer = new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*"));

        Assert.That(
            () => new CustomAuthorizerInvoker([new(definition, authorizer), new(definition, authorizer)], new CountingPolicyCompiler(), _time),
            Throws.ArgumentException);
    }

    [Test]
    public async Task Context_values_read_from_JSON_are_accepted()
    {
        using var json = JsonDocument.Parse("""{"s":"x","n":1.5,"b":false}""");
        var context = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var response = new CustomAuthorizerResponse { PrincipalID = "u", PolicyDocument = AuthorizerFixtures.Allow("u", "*").PolicyDocument, Context = context };
        using var invoker = Invoker(new ScriptedAuthorizer(response));

        var outcome = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(outcome.Context, Is.EquivalentTo(new Dictionary<string, object> { ["s"] = "x", ["n"] = 1.5, ["b"] = false }));
    }
}
