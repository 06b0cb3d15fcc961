using System.Net;
using ApiAuth.Arns;
using ApiAuth.Authorizers;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers;

/// <summary>
/// The authorizers inside <see cref="ApiGateway"/> (through <see cref="GatewayAuthorizers"/>), combined with the resource
/// policy as AWS does: the authorizers' behaviour seen from the pipeline.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class AuthorizersInGatewayTests : IDisposable
{
    private static readonly TestSigningKey Key = new("gw-key");
    private static readonly RestApiReference Api = new("us-east-1", "123456789012", "api123");

    private readonly FakeTimeProvider _time = new(TestJwt.Now);
    private readonly ScriptedAuthorizer _token = new(request => request.AuthorizationToken switch
    {
        "allow" => AuthorizerFixtures.Allow("alice", AuthorizerFixtures.GetPets),
        "deny" => AuthorizerFixtures.Answer("alice", "Deny", "*"),
        "unauthorized" => CustomAuthorizerResponse.Unauthorized,
        _ => throw new InvalidOperationException("boom"),
    });

    private readonly ScriptedAuthorizer _request = new(request => new CustomAuthorizerResponse
    {
        PrincipalID = request.Headers!["X-Tenant"],
        PolicyDocument = AuthorizerFixtures.Allow("x", AuthorizerFixtures.ApiArn + "/*").PolicyDocument,
        Context = new Dictionary<string, object?> { ["ip"] = request.RequestContext!.Identity!.SourceIp, ["key"] = request.QueryStringParameters!["key"] },
    });

    private readonly GatewayAuthorizers _authorizers;

    public AuthorizersInGatewayTests()
    {
        var cognito = new CognitoUserPoolAuthorizer(
            new CognitoUserPoolAuthorizerOptions { UserPoolId = TestJwt.PoolId, AppClientIds = [TestJwt.ClientId] },
            JwksSource.FromJson(TestJwt.Jwks(Key.Jwk())),
            _time);
        var custom = new CustomAuthorizerInvoker(
            [
                new(CustomAuthorizerDefinition.Token("demo-token"), _token),
                new(CustomAuthorizerDefinition.Request("demo-request", "method.request.header.X-Tenant, method.request.querystring.key"), _request),
            ],
            new EngineAuthorizerPolicyCompiler(Api),
            _time);
        _authorizers = new GatewayAuthorizers(
            new Dictionary<string, CognitoUserPoolAuthorizer> { ["cognito"] = cognito },
            new Dictionary<string, JwtAuthorizer>(),
            custom,
            ["demo-token", "demo-request"],
            new CustomAuthorizerRequestContext { AccountId = Api.AccountId, ApiId = Api.ApiId, Stage = "prod" });
    }

    public void Dispose() => _authorizers.Dispose();

    private ApiGateway Gateway(string? resourcePolicy = null)
    {
        CompiledPolicy? compiled = null;
        if (resourcePolicy is not null)
        {
            var loaded = PolicyCompiler.Load(resourcePolicy, new PolicyCompileOptions("resource policy", PolicyKind.Resource, Api));
            Assert.That(loaded.IsValid, Is.True, loaded.ErrorMessage);
            compiled = loaded.Policy;
        }

        return new ApiGateway(Api, "prod", null, compiled, _authorizers, _time);
    }

    private static GatewayRequest Request(string method, string path, params (string Name, string Value)[] headers) =>
        new(method, path, path, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList()) { SourceIp = IPAddress.Parse("203.0.113.7") };

    private static MethodAuthorization Custom(string name) => new(AuthorizationType.Custom, name);

    // An authorizer policy that allows everything, but only from 203.0.113.0/24.
    private static CustomAuthorizerResponse AllowFrom203_0_113() => new()
    {
        PrincipalID = "alice",
        PolicyDocument = new AuthorizerPolicyDocument
        {
            Statement =
            [
                new AuthorizerPolicyStatement
                {
                    Effect = "Allow",
                    Action = new HashSet<string> { "execute-api:Invoke" },
                    Resource = new HashSet<string> { "*" },
                    Condition = new Dictionary<string, IDictionary<string, object>> { ["IpAddress"] = new Dictionary<string, object> { ["aws:SourceIp"] = "203.0.113.0/24" } },
                },
            ],
        },
    };

    private static MethodAuthorization Cognito(params string[] scopes) => new(AuthorizationType.CognitoUserPools, "cognito", scopes);

    private static string ResourcePolicy(string effect, string resource) => $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Principal":"*","Action":"execute-api:Invoke","Resource":"{{resource}}"}]}
        """;

    [Test]
    public async Task Token_authorizer_allow_reaches_the_app_with_its_principal()
    {
        var decision = await Gateway().AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), Custom("demo-token"));

        Assert.That(decision.IsAllowed, Is.True, decision.Reason.ToString());
        Assert.That(decision.PrincipalId, Is.EqualTo("alice"));
    }

    [Test]
    public async Task Custom_allow_names_the_authorizers_deciding_statement_and_the_resource_policys()
    {
        var gateway = Gateway("""{"Version":"2012-10-17","Statement":[{"Sid":"RpAllow","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}""");

        var first = await gateway.AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), Custom("demo-token"));
        var cached = await gateway.AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), Custom("demo-token"));

        Assert.Multiple(() =>
        {
            Assert.That(first.IsAllowed, Is.True, first.Reason.ToString());
            Assert.That(first.Statements.Select(s => s.Label), Is.EqualTo(new[] { "authorizer policy:Statement[0]", "resource policy:RpAllow" }));
            Assert.That(cached.Statements.Select(s => s.Label), Is.EqualTo(first.Statements.Select(s => s.Label)), "a cache hit names them too");
            Assert.That(_token.Invocations, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Custom_explicit_deny_names_the_authorizers_deny_statement()
    {
        var decision = await Gateway().AuthorizeAsync(Request("GET", "/pets", ("Authorization", "deny")), Custom("demo-token"));

        Assert.Multiple(() =>
        {
            Assert.That(decision.StatusCode, Is.EqualTo(403));
            Assert.That(decision.Message, Is.EqualTo("User is not authorized to access this resource with an explicit deny"));
            Assert.That(decision.Statements.Single().Label, Is.EqualTo("authorizer policy:Statement[0]"));
            Assert.That(decision.Statements.Single().Effect, Is.EqualTo(ApiAuth.Policies.Parsing.PolicyEffect.Deny));
        });
    }

    [Test]
    public async Task Custom_implicit_deny_names_no_statement()
    {
        var decision = await Gateway().AuthorizeAsync(Request("DELETE", "/pets", ("Authorization", "allow")), Custom("demo-token"));

        Assert.That(decision.StatusCode, Is.EqualTo(403));
        Assert.That(decision.Statements, Is.Empty);
    }

    [Test]
    public async Task Cached_GET_allow_is_re_evaluated_for_DELETE_by_the_IAM_engine()
    {
        var gateway = Gateway();

        var get = await gateway.AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), Custom("demo-token"));
        var delete = await gateway.AuthorizeAsync(Request("DELETE", "/pets", ("Authorization", "allow")), Custom("demo-token"));

        Assert.That(get.IsAllowed, Is.True);
        Assert.That(delete.StatusCode, Is.EqualTo(403));
        Assert.That(delete.Message, Is.EqualTo("User is not authorized to access this resource"));
        Assert.That(_token.Invocations, Is.EqualTo(1));
    }

    [TestCase("deny", 403, "User is not authorized to access this resource with an explicit deny", null)]
    [TestCase("unauthorized", 401, "Unauthorized", "UnauthorizedException")]
    [TestCase("boom", 500, null, "AuthorizerConfigurationException")]
    public async Task Token_authorizer_rejections_keep_API_Gateways_responses(string token, int status, string? message, string? errorType)
    {
        var decision = await Gateway().AuthorizeAsync(Request("GET", "/pets", ("Authorization", token)), Custom("demo-token"));

        Assert.That(decision.StatusCode, Is.EqualTo(status));
        Assert.That(decision.Message, Is.EqualTo(message));
        if (errorType is not null)
        {
            Assert.That(decision.ErrorType, Is.EqualTo(errorType));
        }
    }

    [Test]
    public async Task Resource_policy_explicit_deny_stops_the_request_before_the_authorizer_runs()
    {
        var gateway = Gateway(ResourcePolicy("Deny", "execute-api:/prod/GET/pets"));

        var decision = await gateway.AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), Custom("demo-token"));

        Assert.That(decision.StatusCode, Is.EqualTo(403));
        Assert.That(decision.Message, Does.StartWith("User: anonymous is not authorized to perform: execute-api:Invoke"));
        Assert.That(_token.Invocations, Is.Zero);
    }

    [Test]
    public async Task Resource_policy_allow_and_authorizer_allow_is_allowed()
    {
        var gateway = Gateway(ResourcePolicy("Allow", "execute-api:/prod/*"));

        var decision = await gateway.AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), Custom("demo-token"));

        Assert.That(decision.IsAllowed, Is.True, decision.Reason.ToString());
    }

    [TestCase("203.0.113.7")]
    [TestCase("::ffff:203.0.113.7")]
    public async Task Request_authorizer_gets_headers_query_and_source_ip_from_the_gateway_request(string sourceIp)
    {
        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; the authorizer sees the IPv4 address, as policies do.
        var request = new GatewayRequest("GET", "/admin?key=demo-key", "/admin", [KeyValuePair.Create("x-tenant", "acme")])
        {
            SourceIp = IPAddress.Parse(sourceIp),
            Query = new Dictionary<string, IReadOnlyList<string>> { ["key"] = ["demo-key"] },
        };

        var decision = await Gateway().AuthorizeAsync(request, Custom("demo-request"));

        Assert.That(decision.IsAllowed, Is.True, decision.Reason.ToString());
        Assert.That(decision.PrincipalId, Is.EqualTo("acme"));
        Assert.That(decision.Context, Is.EquivalentTo(new Dictionary<string, object> { ["ip"] = "203.0.113.7", ["key"] = "demo-key" }));
        var seen = _request.Requests.Single();
        Assert.That(seen.RequestContext!.AccountId, Is.EqualTo("123456789012"));
        Assert.That(seen.RequestContext.ApiId, Is.EqualTo("api123"));
        Assert.That(seen.RequestContext.Stage, Is.EqualTo("prod"));
    }

    [Test]
    public async Task Request_authorizer_without_its_query_source_is_401_without_invoking()
    {
        var decision = await Gateway().AuthorizeAsync(Request("GET", "/admin", ("X-Tenant", "acme")), Custom("demo-request"));

        Assert.That(decision.StatusCode, Is.EqualTo(401));
        Assert.That(_request.Invocations, Is.Zero);
    }

    [Test]
    public async Task Cognito_id_token_is_allowed_with_claims_when_there_is_no_resource_policy()
    {
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload());

        var decision = await Gateway().AuthorizeAsync(Request("GET", "/profile", ("Authorization", token)), Cognito());

        Assert.That(decision.IsAllowed, Is.True, decision.Reason.ToString());
        Assert.That(decision.PrincipalId, Is.EqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
        Assert.That(decision.Claims["email"], Is.EqualTo("alice@example.com"));
    }

    [Test]
    public async Task Cognito_with_a_resource_policy_needs_its_explicit_allow()
    {
        var token = TestJwt.Rs256(Key, TestJwt.AccessTokenPayload());
        var gateway = Gateway(ResourcePolicy("Allow", "execute-api:/prod/GET/orders"));

        var orders = await gateway.AuthorizeAsync(Request("GET", "/orders", ("Authorization", token)), Cognito("orders/read"));
        var reports = await gateway.AuthorizeAsync(Request("GET", "/reports", ("Authorization", token)), Cognito("orders/read"));

        Assert.That(orders.IsAllowed, Is.True, orders.Reason.ToString());
        Assert.That(reports.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Cached_Cognito_token_still_faces_each_routes_scopes_and_the_resource_policy()
    {
        // The result cache (on by default, 300 s) holds the token's claims; scopes and the resource policy are per route.
        var token = TestJwt.Rs256(Key, TestJwt.AccessTokenPayload());
        var gateway = Gateway(ResourcePolicy("Allow", "execute-api:/prod/GET/orders"));

        var orders = await gateway.AuthorizeAsync(Request("GET", "/orders", ("Authorization", token)), Cognito("orders/read"));
        var ordersAgain = await gateway.AuthorizeAsync(Request("GET", "/orders", ("Authorization", token)), Cognito("orders/read"));
        var otherScope = await gateway.AuthorizeAsync(Request("GET", "/orders", ("Authorization", token)), Cognito("orders/write"));
        var notInPolicy = await gateway.AuthorizeAsync(Request("GET", "/reports", ("Authorization", token)), Cognito("orders/read"));

        Assert.Multiple(() =>
        {
            Assert.That(orders.IsAllowed, Is.True, orders.Reason.ToString());
            Assert.That(ordersAgain.IsAllowed, Is.True, ordersAgain.Reason.ToString());
            Assert.That(ordersAgain.Claims["username"], Is.EqualTo("alice"));
            Assert.That(otherScope.StatusCode, Is.EqualTo(401));
            Assert.That(notInPolicy.StatusCode, Is.EqualTo(403));
        });
    }

    [Test]
    public async Task Invalid_Cognito_token_is_401_with_its_precise_reason()
    {
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload().With("aud", "evil"));

        var decision = await Gateway().AuthorizeAsync(Request("GET", "/profile", ("Authorization", token)), Cognito());

        Assert.That(decision.StatusCode, Is.EqualTo(401));
        Assert.That(decision.Message, Is.EqualTo("Unauthorized"));
        Assert.That(decision.Reason, Is.EqualTo(DecisionReason.AudienceNotAllowed));
    }

    [TestCase(AuthorizationType.Custom, "nope")]
    [TestCase(AuthorizationType.CognitoUserPools, "nope")]
    public async Task Unknown_authorizer_is_500_not_an_exception(AuthorizationType type, string name)
    {
        var decision = await Gateway().AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), new MethodAuthorization(type, name));

        Assert.That(decision.StatusCode, Is.EqualTo(500));
        Assert.That(decision.ErrorType, Is.EqualTo("AuthorizerConfigurationException"));
    }

    [TestCase(AuthorizationType.CognitoUserPools, "demo-token")]
    [TestCase(AuthorizationType.Custom, "cognito")]
    public async Task Method_type_that_does_not_match_its_authorizers_kind_is_a_500_configuration_error(AuthorizationType type, string name)
    {
        var decision = await Gateway().AuthorizeAsync(Request("GET", "/pets", ("Authorization", "allow")), new MethodAuthorization(type, name));

        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.StatusCode, Is.EqualTo(500));
            Assert.That(decision.ErrorType, Is.EqualTo("AuthorizerConfigurationException"));
        });
    }

    [TestCase("203.0.113.7", true)]
    [TestCase("198.51.100.1", false)]
    [TestCase("::ffff:203.0.113.7", true)]
    [TestCase("::ffff:198.51.100.1", false)]
    public async Task Authorizer_policy_conditions_see_the_requests_source_ip(string sourceIp, bool allowed)
    {
        using var authorizers = new GatewayAuthorizers(
            new Dictionary<string, CognitoUserPoolAuthorizer>(),
            new Dictionary<string, JwtAuthorizer>(),
            new CustomAuthorizerInvoker(
                [new(CustomAuthorizerDefinition.Token("ip-token", resultTtlInSeconds: 0), new ScriptedAuthorizer(_ => AllowFrom203_0_113()))],
                new EngineAuthorizerPolicyCompiler(Api),
                _time),
            ["ip-token"],
            new CustomAuthorizerRequestContext());
        var gateway = new ApiGateway(Api, "prod", null, null, authorizers, _time);
        var request = new GatewayRequest("GET", "/pets", "/pets", [KeyValuePair.Create("Authorization", "t")]) { SourceIp = IPAddress.Parse(sourceIp) };

        var decision = await gateway.AuthorizeAsync(request, Custom("ip-token"));

        Assert.That(decision.IsAllowed, Is.EqualTo(allowed), decision.Message);
    }

    [Test]
    public async Task A_cached_authorizer_policy_is_evaluated_once_per_request_with_that_requests_source_ip()
    {
        var compiler = new CountingPolicyCompiler();
        var authorizer = new ScriptedAuthorizer(_ => AllowFrom203_0_113());
        using var authorizers = new GatewayAuthorizers(
            new Dictionary<string, CognitoUserPoolAuthorizer>(),
            new Dictionary<string, JwtAuthorizer>(),
            new CustomAuthorizerInvoker([new(CustomAuthorizerDefinition.Token("ip-token"), authorizer)], compiler, _time),
            ["ip-token"],
            new CustomAuthorizerRequestContext());
        var gateway = new ApiGateway(Api, "prod", null, null, authorizers, _time);
        GatewayRequest From(string ip) => new("GET", "/pets", "/pets", [KeyValuePair.Create("Authorization", "t")]) { SourceIp = IPAddress.Parse(ip) };

        var inside = await gateway.AuthorizeAsync(From("203.0.113.7"), Custom("ip-token"));
        var outside = await gateway.AuthorizeAsync(From("198.51.100.1"), Custom("ip-token"));

        Assert.Multiple(() =>
        {
            Assert.That(inside.IsAllowed, Is.True, inside.Message);
            Assert.That(outside.IsAllowed, Is.False);
            Assert.That(outside.StatusCode, Is.EqualTo(403));
            Assert.That(authorizer.Invocations, Is.EqualTo(1), "the second request is a cache hit");
            Assert.That(compiler.Evaluations, Is.EqualTo(2), "one evaluation per request, with that request's keys");
        });
    }

    [TestCase(true, 200)]
    [TestCase(false, 401)]
    public async Task Request_authorizer_stage_variable_source_comes_from_the_gateway_request(bool defined, int status)
    {
        using var authorizers = new GatewayAuthorizers(
            new Dictionary<string, CognitoUserPoolAuthorizer>(),
            new Dictionary<string, JwtAuthorizer>(),
            new CustomAuthorizerInvoker(
                [new(CustomAuthorizerDefinition.Request("staged", "stageVariables.mode", resultTtlInSeconds: 0),
                    new ScriptedAuthorizer(request => AuthorizerFixtures.Allow(request.StageVariables!["mode"], "*")))],
                new EngineAuthorizerPolicyCompiler(Api),
                _time),
            ["staged"],
            new CustomAuthorizerRequestContext());
        var gateway = new ApiGateway(Api, "prod", null, null, authorizers, _time);
        var request = new GatewayRequest("GET", "/pets", "/pets", [])
        {
            StageVariables = defined ? new Dictionary<string, string> { ["mode"] = "live" } : new Dictionary<string, string>(),
        };

        var decision = await gateway.AuthorizeAsync(request, Custom("staged"));

        Assert.That(decision.StatusCode, Is.EqualTo(status));
    }
}
