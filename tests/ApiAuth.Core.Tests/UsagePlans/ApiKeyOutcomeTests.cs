using ApiAuth.Gateway;
using ApiAuth.UsagePlans;

namespace ApiAuth.Tests.UsagePlans;

/// <summary>
/// A method with <c>apiKeyRequired</c> admits only an enabled key of one of the API's usage plans. AWS, "Choose an API
/// key source in API Gateway" (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html):
/// "API Gateway reads the key and compares it against the keys in the usage plan. ... Otherwise, it throws an
/// InvalidKeyParameter exception. As a result, the caller receives a 403 Forbidden response." The response type is
/// INVALID_API_KEY (403) of "Gateway response types for API Gateway" (supported-gateway-response-types.html); the body
/// is <c>{"message":"Forbidden"}</c> with <c>x-amzn-ErrorType: ForbiddenException</c>.
/// </summary>
public sealed class ApiKeyOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static async Task<GatewayDecision> Decide(string? apiKey, MethodAuthorization? method = null)
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("basic"), new UsagePlan("gold"));
        return await fixture.Gateway().AuthorizeAsync(UsagePlanFixture.Request(apiKey), method ?? UsagePlanFixture.KeyedNone);
    }

    private static void AssertForbidden(GatewayDecision decision, DecisionReason reason) => Assert.Multiple(() =>
    {
        Assert.That(decision.IsAllowed, Is.False);
        Assert.That(decision.StatusCode, Is.EqualTo(403));
        Assert.That(decision.ResponseType, Is.EqualTo("INVALID_API_KEY"));
        Assert.That(decision.ErrorType, Is.EqualTo("ForbiddenException"));
        Assert.That(decision.Message, Is.EqualTo("Forbidden"));
        Assert.That(decision.Reason, Is.EqualTo(reason));
    });

    [Test]
    public async Task A_missing_key_is_forbidden() => AssertForbidden(await Decide(null), DecisionReason.ApiKeyMissing);

    [Test]
    public async Task An_empty_key_is_forbidden() => AssertForbidden(await Decide(""), DecisionReason.ApiKeyMissing);

    [Test]
    public async Task An_unknown_key_is_forbidden() => AssertForbidden(await Decide("no-such-key-0123456789abcdef"), DecisionReason.ApiKeyUnknown);

    [Test]
    public async Task A_key_that_differs_only_in_case_or_by_a_prefix_is_unknown()
    {
        AssertForbidden(await Decide(UsagePlanFixture.GoldValue.ToUpperInvariant()), DecisionReason.ApiKeyUnknown);
        AssertForbidden(await Decide(UsagePlanFixture.GoldValue[..^1]), DecisionReason.ApiKeyUnknown);
        AssertForbidden(await Decide(UsagePlanFixture.GoldValue + "x"), DecisionReason.ApiKeyUnknown);
    }

    [Test]
    public async Task A_disabled_key_is_forbidden() => AssertForbidden(await Decide(UsagePlanFixture.DisabledValue), DecisionReason.ApiKeyDisabled);

    [Test]
    public async Task A_key_in_no_usage_plan_of_the_api_is_forbidden() => AssertForbidden(await Decide(UsagePlanFixture.OrphanValue), DecisionReason.ApiKeyNotInUsagePlan);

    [Test]
    public async Task A_repeated_key_header_is_forbidden_rather_than_guessed()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("basic"), new UsagePlan("gold"));
        var request = UsagePlanFixture.Request(UsagePlanFixture.GoldValue);
        var twice = new GatewayRequest("GET", "/pets", "/pets", [.. request.Headers, new("X-Api-Key", "no-such-key-0123456789abcdef")]);
        AssertForbidden(await fixture.Gateway().AuthorizeAsync(twice, UsagePlanFixture.KeyedNone), DecisionReason.ApiKeyRepeated);
    }

    [Test]
    public async Task A_valid_key_is_allowed_and_the_decision_names_its_id_and_plan_never_its_value()
    {
        var decision = await Decide(UsagePlanFixture.GoldValue);
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.True);
            Assert.That(decision.ApiKeyId, Is.EqualTo("gold"));
            Assert.That(decision.UsagePlan, Is.EqualTo("gold"));
            Assert.That(decision.ToString(), Does.Not.Contain(UsagePlanFixture.GoldValue));
        });
    }

    [Test]
    public async Task A_method_that_does_not_require_a_key_ignores_keys()
    {
        var decision = await Decide(null, MethodAuthorization.None);
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.True);
            Assert.That(decision.ApiKeyId, Is.Null);
        });
    }

    [Test]
    public async Task A_method_that_requires_a_key_on_an_api_without_keys_fails_closed()
    {
        var gateway = new ApiGateway(UsagePlanFixture.Api, "prod", null, null);
        var decision = await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue), UsagePlanFixture.KeyedNone);
        Assert.Multiple(() =>
        {
            Assert.That(decision.StatusCode, Is.EqualTo(500));
            Assert.That(decision.Reason, Is.EqualTo(DecisionReason.Misconfigured));
        });
    }

    [Test]
    public async Task Authorization_comes_first_so_a_denied_caller_never_reaches_the_key_check()
    {
        // A resource policy that denies: the key is valid, but API Gateway authorizes before it reads the key, so the
        // caller learns nothing about the key and spends none of its quota.
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold", quota: new QuotaSettings(1, QuotaPeriod.Day)));
        var gateway = fixture.Gateway(resourcePolicy: """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}""");
        var decision = await gateway.AuthorizeAsync(UsagePlanFixture.Request(UsagePlanFixture.GoldValue), UsagePlanFixture.KeyedNone);
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.ApiKeyId, Is.Null, "the key was not looked at");
            Assert.That(decision.Reason, Is.EqualTo(DecisionReason.ExplicitDeny));
        });
    }

    [Test]
    public async Task A_key_in_two_plans_of_the_api_fails_closed()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("basic"), new UsagePlan("gold"));
        var gateway = new ApiGateway(UsagePlanFixture.Api, "prod", null, null, null, fixture.Time)
        {
            UsagePlanEnforcer = new UsagePlanEnforcer(fixture.Plans, [new ApiKey("both", "both-key-0123456789abcdefg", true, ["basic", "gold"])], timeProvider: fixture.Time),
        };
        var decision = await gateway.AuthorizeAsync(UsagePlanFixture.Request("both-key-0123456789abcdefg"), UsagePlanFixture.KeyedNone);
        Assert.Multiple(() =>
        {
            Assert.That(decision.StatusCode, Is.EqualTo(500));
            Assert.That(decision.Reason, Is.EqualTo(DecisionReason.Misconfigured));
        });
    }

    [Test]
    public async Task A_store_key_is_checked_against_the_presented_value_in_full()
    {
        // A careless store that matches on a prefix: the gateway's own comparison still refuses the wrong value.
        var loose = new LooseStore(new ApiKey("db", "db-key-0123456789abcdefghij", true, ["basic"]));
        var fixture = new UsagePlanFixture(Now, new UsagePlan("basic"));
        var gateway = fixture.Gateway(store: loose);
        Assert.Multiple(async () =>
        {
            AssertForbidden(await gateway.AuthorizeAsync(UsagePlanFixture.Request("db-key-WRONG"), UsagePlanFixture.KeyedNone), DecisionReason.ApiKeyUnknown);
            var allowed = await gateway.AuthorizeAsync(UsagePlanFixture.Request("db-key-0123456789abcdefghij"), UsagePlanFixture.KeyedNone);
            Assert.That(allowed.ApiKeyId, Is.EqualTo("db"));
        });
    }

    [Test]
    public async Task A_store_that_throws_denies()
    {
        var fixture = new UsagePlanFixture(Now, new UsagePlan("basic"));
        var decision = await fixture.Gateway(store: new ThrowingStore()).AuthorizeAsync(UsagePlanFixture.Request("anything-0123456789abcdef"), UsagePlanFixture.KeyedNone);
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.Reason, Is.EqualTo(DecisionReason.ApiKeyStoreFailure));
        });
    }

    [Test]
    public void Two_keys_with_one_value_are_refused_without_naming_the_value()
    {
        var exception = Assert.Throws<ArgumentException>(() => _ = new InMemoryApiKeyStore([new ApiKey("a", "same-0123456789abcdefghij", true, []), new ApiKey("b", "same-0123456789abcdefghij", true, [])]));
        Assert.That(exception!.Message, Does.Contain("'a'").And.Contain("'b'").And.Not.Contain("same-0123456789"));
    }

    private sealed class LooseStore(ApiKey key) : IApiKeyStore
    {
        public ValueTask<ApiKey?> FindAsync(string value, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ApiKey?>(value.StartsWith("db-key-", StringComparison.Ordinal) ? key : null);
    }

    private sealed class ThrowingStore : IApiKeyStore
    {
        public ValueTask<ApiKey?> FindAsync(string value, CancellationToken cancellationToken) => throw new InvalidOperationException("database down");
    }
}
