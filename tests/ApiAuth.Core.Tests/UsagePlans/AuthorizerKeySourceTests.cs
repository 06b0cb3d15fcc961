using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using ApiAuth.UsagePlans;

namespace ApiAuth.Tests.UsagePlans;

/// <summary>
/// The AUTHORIZER key source: the key is the Lambda authorizer's <c>usageIdentifierKey</c> (AWS, "Choose an API key
/// source in API Gateway": "AUTHORIZER — You have a Lambda authorizer return the API key as part of the authorization
/// response"). The <c>x-api-key</c> header then counts for nothing.
/// </summary>
public sealed class AuthorizerKeySourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly MethodAuthorization KeyedCustom = new(AuthorizationType.Custom, "demo-token") { ApiKeyRequired = true };

    private static async Task<GatewayDecision> Decide(string token, string? headerKey = null)
    {
        var authorizer = new ScriptedAuthorizer(request =>
        {
            var allow = AuthorizerFixtures.Allow("alice", AuthorizerFixtures.ApiArn + "/*");
            return new CustomAuthorizerResponse
            {
                PrincipalID = allow.PrincipalID,
                PolicyDocument = allow.PolicyDocument,
                UsageIdentifierKey = request.AuthorizationToken switch
                {
                    "with-key" => UsagePlanFixture.GoldValue,
                    "with-unknown-key" => "no-such-key-0123456789abcdef",
                    _ => null,
                },
            };
        });
        var fixture = new UsagePlanFixture(Now, new UsagePlan("gold"));
        var invoker = new CustomAuthorizerInvoker([new(CustomAuthorizerDefinition.Token("demo-token"), authorizer)], new EngineAuthorizerPolicyCompiler(UsagePlanFixture.Api), fixture.Time);
        using var authorizers = new GatewayAuthorizers(
            new Dictionary<string, CognitoUserPoolAuthorizer>(), new Dictionary<string, JwtAuthorizer>(), invoker, ["demo-token"],
            new CustomAuthorizerRequestContext { AccountId = UsagePlanFixture.Api.AccountId, ApiId = UsagePlanFixture.Api.ApiId, Stage = "prod" });
        var request = UsagePlanFixture.Request(headerKey);
        request = new GatewayRequest("GET", "/pets", "/pets", [.. request.Headers, new("Authorization", token)]) { Resource = "/pets" };
        return await fixture.Gateway(ApiKeySource.Authorizer, authorizers: authorizers).AuthorizeAsync(request, KeyedCustom);
    }

    [Test]
    public async Task The_authorizers_usage_identifier_key_is_the_api_key()
    {
        var decision = await Decide("with-key");
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.True);
            Assert.That(decision.PrincipalId, Is.EqualTo("alice"));
            Assert.That(decision.ApiKeyId, Is.EqualTo("gold"));
            Assert.That(decision.UsagePlan, Is.EqualTo("gold"));
        });
    }

    [Test]
    public async Task Without_a_usage_identifier_key_the_request_is_forbidden_even_with_a_valid_header_key()
    {
        var decision = await Decide("without-key", headerKey: UsagePlanFixture.GoldValue);
        Assert.Multiple(() =>
        {
            Assert.That(decision.StatusCode, Is.EqualTo(403));
            Assert.That(decision.Message, Is.EqualTo("Forbidden"));
            Assert.That(decision.Reason, Is.EqualTo(DecisionReason.ApiKeyMissing));
        });
    }

    [Test]
    public async Task An_unknown_usage_identifier_key_is_forbidden()
    {
        var decision = await Decide("with-unknown-key");
        Assert.Multiple(() =>
        {
            Assert.That(decision.StatusCode, Is.EqualTo(403));
            Assert.That(decision.Reason, Is.EqualTo(DecisionReason.ApiKeyUnknown));
        });
    }
}
