using ApiAuth.AspNetCore.Tests.Sample;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>[ApiAuthorize] on controllers and RequireApiAuthorization on minimal APIs, with and without a resource policy.</summary>
public sealed class AdapterTests
{
    private const string DenyDocumentationNetwork = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*"},
          {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
        """;

    [Test]
    public async Task Controller_with_aws_iam_refuses_unsigned_and_accepts_signed_requests()
    {
        await using var app = await TestApp.StartAsync();
        var unsigned = await SampleFactory.GetAsync(app.Client(), "/controller/pets");
        using var signedClient = app.SignedClient();
        using var signed = await signedClient.GetAsync("/controller/pets");
        var answer = await GatewayAnswer.ReadAsync(signed);
        Assert.Multiple(() =>
        {
            Assert.That(unsigned.Status, Is.EqualTo(403));
            Assert.That(unsigned.ErrorType, Is.EqualTo("MissingAuthenticationTokenException"));
            Assert.That(answer.Status, Is.EqualTo(200));
            Assert.That(answer.Field("arn"), Is.EqualTo(TestApp.UserArn), "the caller is on HttpContext.User");
        });
    }

    [Test]
    public async Task Action_attribute_overrides_the_controller_and_AllowAnonymous_skips_ApiAuth()
    {
        await using var app = await TestApp.StartAsync();
        var open = await SampleFactory.GetAsync(app.Client(), "/controller/pets/open");
        var anonymous = await SampleFactory.GetAsync(app.Client(), "/controller/pets/anonymous");
        Assert.Multiple(() =>
        {
            Assert.That(open.Status, Is.EqualTo(200));
            Assert.That(open.Body.GetProperty("authenticated").GetBoolean(), Is.False, "NONE callers stay anonymous");
            Assert.That(anonymous.Status, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Minimal_endpoints_and_groups_are_protected()
    {
        await using var app = await TestApp.StartAsync();
        using var signed = app.SignedClient();
        Assert.Multiple(async () =>
        {
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open")).Status, Is.EqualTo(200));
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/iam")).Status, Is.EqualTo(403));
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/group/item")).Status, Is.EqualTo(403));
            Assert.That((await signed.GetAsync("/minimal/iam")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
            Assert.That((await signed.GetAsync("/group/item")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Without_resource_policy_an_iam_caller_without_identity_allow_is_implicitly_denied()
    {
        await using var app = await TestApp.StartAsync(identityPolicy: null);
        using var signed = app.SignedClient();
        using var response = await signed.GetAsync("/minimal/iam");
        var answer = await GatewayAnswer.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.ErrorType, Is.EqualTo("AccessDeniedException"));
            Assert.That(answer.Message, Is.EqualTo($"User: {TestApp.UserArn} is not authorized to perform: execute-api:Invoke on resource: {TestApp.ApiArn}/GET/minimal/iam"));
        });
    }

    [Test]
    public async Task With_resource_policy_allowing_the_account_an_iam_caller_without_identity_policy_is_allowed()
    {
        // Same account: identity silent + resource Allow (naming the caller) → Allow.
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*"}]}""";
        await using var app = await TestApp.StartAsync(o => o.ResourcePolicy = policy, identityPolicy: null);
        using var signed = app.SignedClient();
        Assert.That((await signed.GetAsync("/minimal/iam")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }

    [Test]
    public async Task Resource_policy_explicit_deny_overrides_identity_allow()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/minimal/iam"}]}""";
        await using var app = await TestApp.StartAsync(o => o.ResourcePolicy = policy);
        using var signed = app.SignedClient();
        var answer = await GatewayAnswer.ReadAsync(await signed.GetAsync("/minimal/iam"));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Is.EqualTo($"User: {TestApp.UserArn} is not authorized to perform: execute-api:Invoke on resource: {TestApp.ApiArn}/GET/minimal/iam with an explicit deny"));
        });
    }

    [Test]
    public async Task None_method_needs_an_explicit_allow_once_a_resource_policy_exists()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/other"}]}""";
        await using var app = await TestApp.StartAsync(o => o.ResourcePolicy = policy);
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Is.EqualTo($"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {TestApp.ApiArn}/GET/minimal/open"));
        });
    }

    [TestCase("192.0.2.7", 403)]
    [TestCase("198.51.100.7", 200)]
    [TestCase("::ffff:192.0.2.7", 403, TestName = "Resource_policy_ip_deny_holds_for_an_IPv4_client_on_a_dual_stack_socket")]
    public async Task Resource_policy_ip_deny_uses_the_connection_address(string peer, int status)
    {
        await using var app = await TestApp.StartAsync(o => o.ResourcePolicy = DenyDocumentationNetwork);
        Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", peer))).Status, Is.EqualTo(status));
    }

    [Test]
    public async Task Forwarded_for_is_ignored_without_trusted_proxies()
    {
        await using var app = await TestApp.StartAsync(o => o.ResourcePolicy = DenyDocumentationNetwork);
        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "198.51.100.7"), ("X-Forwarded-For", "192.0.2.7"));
        Assert.That(answer.Status, Is.EqualTo(200), "a client cannot pick its own aws:SourceIp");
    }

    [Test]
    public async Task Forwarded_for_from_a_trusted_proxy_sets_the_source_ip()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            o.ResourcePolicy = DenyDocumentationNetwork;
            o.TrustedProxies.Add("10.0.0.0/8");
        });
        Assert.Multiple(async () =>
        {
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "10.1.2.3"), ("X-Forwarded-For", "192.0.2.7"))).Status, Is.EqualTo(403));
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "10.1.2.3"), ("X-Forwarded-For", "198.51.100.7"))).Status, Is.EqualTo(200));
            // A client-supplied hop in front of the trusted chain does not help: the right-most untrusted hop counts.
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "10.1.2.3"), ("X-Forwarded-For", "198.51.100.7, 192.0.2.7"))).Status, Is.EqualTo(403));
            // An untrusted peer's header is ignored.
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "198.51.100.9"), ("X-Forwarded-For", "192.0.2.7"))).Status, Is.EqualTo(200));
        });
    }

    [TestCase("198.51.100.7:443")]
    [TestCase("unknown")]
    [TestCase("10.0.0.9, not-an-address")]
    public async Task A_forwarded_hop_never_counts_as_the_proxys_own_address(string forwardedFor)
    {
        // An allow for the proxies' own network must not open to whoever stands behind a proxy: a hop with a port is
        // the client's address, and an unreadable hop refuses the request (ForwardedForTests has every form).
        await using var app = await TestApp.StartAsync(o =>
        {
            o.ResourcePolicy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}
                """;
            o.TrustedProxies.Add("10.0.0.0/8");
        });

        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "10.1.2.3"), ("X-Forwarded-For", forwardedFor));

        Assert.That(answer.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task Vpc_endpoint_header_counts_only_from_trusted_proxies()
    {
        var vpceOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}""";
        await using var app = await TestApp.StartAsync(o =>
        {
            o.ResourcePolicy = vpceOnly;
            o.SourceVpceHeader = "X-Amzn-Vpce-Id";
            o.TrustedProxies.Add("10.0.0.0/8");
        });
        Assert.Multiple(async () =>
        {
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "10.0.0.5"), ("X-Amzn-Vpce-Id", "vpce-1a2b3c4d"))).Status, Is.EqualTo(200));
            Assert.That((await SampleFactory.GetAsync(app.Client(), "/minimal/open", null, ("X-Test-Peer", "198.51.100.9"), ("X-Amzn-Vpce-Id", "vpce-1a2b3c4d"))).Status, Is.EqualTo(403));
        });
    }

    [Test]
    public async Task Gateway_responses_can_be_overridden_per_type()
    {
        await using var app = await TestApp.StartAsync(o =>
        {
            var custom = new ApiAuth.AspNetCore.Configuration.GatewayResponseOptions { StatusCode = 401, BodyTemplate = """{"error":$context.error.messageString,"type":"$context.error.responseType"}""" };
            custom.Headers["WWW-Authenticate"] = "AWS4-HMAC-SHA256";
            o.GatewayResponses["MISSING_AUTHENTICATION_TOKEN"] = custom;
        });
        using var response = await app.Client().GetAsync("/minimal/iam");
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(401));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("AWS4-HMAC-SHA256"));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("Missing Authentication Token"));
            Assert.That(body.GetProperty("type").GetString(), Is.EqualTo("MISSING_AUTHENTICATION_TOKEN"));
        });
    }

    [Test]
    public async Task A_message_quoted_into_a_custom_template_cannot_break_its_json()
    {
        await using var app = await TestApp.StartAsync(o =>
            o.GatewayResponses["INVALID_SIGNATURE"] = new ApiAuth.AspNetCore.Configuration.GatewayResponseOptions { BodyTemplate = """{"error":"$context.error.message","ok":false}""" });
        // No comma: the header parser splits on commas, and the whole header must reach the message as it is.
        const string authorization = """AWS4-HMAC-SHA256 X"}\"ok":true\u0022=1""";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/minimal/iam");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await app.Client().SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(403));
            Assert.That(body.GetProperty("error").GetString(), Does.Contain($"Authorization={authorization}"));
            Assert.That(body.GetProperty("ok").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task Template_placeholders_inside_a_message_are_not_expanded()
    {
        // Messages may quote the caller's Authorization header; expanding placeholders found in it would let one
        // 8 KB header produce a response of megabytes.
        await using var app = await TestApp.StartAsync();
        var placeholders = string.Concat(Enumerable.Repeat("$context.error.message", 300));
        var authorization = $"AWS4-HMAC-SHA256 X{placeholders}=1";

        var answer = await SampleFactory.GetAsync(app.Client(), "/minimal/iam", authorization);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Does.Contain($"Authorization={authorization}"), "the message is carried as it is");
            Assert.That(answer.Body.GetRawText().Length, Is.LessThan(3 * authorization.Length));
        });
    }

    [Test]
    public void Invalid_resource_policy_stops_the_app_with_the_json_path()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await TestApp.StartAsync(o => o.ResourcePolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"execute-api:Invoke","Resource":"*"}]}"""));
        Assert.That(exception!.Message, Does.Contain("ApiAuth:ResourcePolicy").And.Contain("$.Statement[0].Effect"));
    }

    [Test]
    public void Invalid_identity_policy_stops_the_app_naming_the_credential_and_the_json_path()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await TestApp.StartAsync(identityPolicy: """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*","Condition":{"NoSuchOperator":{"aws:SourceIp":"10.0.0.0/8"}}}]}"""));
        Assert.That(exception!.Message, Does.Contain("ApiAuth:Credentials:0").And.Contain("$.Statement[0].Condition"));
    }

    [Test]
    public void Unknown_authorizer_type_stops_the_app()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () =>
            await TestApp.StartAsync(o => o.Authorizers["x"] = new ApiAuth.AspNetCore.Configuration.AuthorizerOptions { Type = "LAMBDA" }));
        Assert.That(exception!.Message, Does.Contain("ApiAuth:Authorizers:x:Type must be COGNITO_USER_POOLS, JWT, TOKEN or REQUEST, got 'LAMBDA'"));
    }

    [TestCase("COGNITO_USER_POOLS", 3601)]
    [TestCase("JWT", -1)]
    public void Token_authorizer_result_ttl_outside_0_to_3600_stops_the_app(string type, int seconds)
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await TestApp.StartAsync(o =>
        {
            var authorizer = new ApiAuth.AspNetCore.Configuration.AuthorizerOptions
            {
                Type = type, UserPoolId = "us-east-1_Example", Issuer = "https://issuer.example.com/", JwksFile = "none.json", ResultTtlInSeconds = seconds,
            };
            authorizer.AppClientIds.Add("client-1");
            authorizer.Audiences.Add("api");
            o.Authorizers["tokens"] = authorizer;
        }));
        Assert.That(exception!.Message, Does.Contain("ApiAuth:Authorizers:tokens: The result TTL must be between 0 and 3600 seconds (0 turns caching off)."));
    }

    [TestCase("10.0.0.0/33")]
    [TestCase("")]
    [TestCase("proxy.example.com")]
    public void Trusted_proxy_that_is_not_an_address_or_range_stops_the_app(string proxy)
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await TestApp.StartAsync(o => o.TrustedProxies.Add(proxy)));
        Assert.That(exception!.Message, Does.Contain($"ApiAuth:TrustedProxies: '{proxy}' is not an IP address or CIDR range."));
    }

    [Test]
    public void Bad_account_id_stops_the_app()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await TestApp.StartAsync(o => o.AccountId = "12345"));
        Assert.That(exception!.Message, Does.Contain("ApiAuth:AccountId must be a 12-digit account id, got '12345'"));
    }

    [TestCase("/minimal/open")]
    [TestCase("/MINIMAL/OPEN")]
    [TestCase("/Minimal/Open/")]
    public async Task Resource_policy_deny_holds_whatever_the_paths_case_or_trailing_slash(string path)
    {
        // Routing matches case-insensitively and ignores a trailing slash; the method ARN uses the route's spelling.
        var policy = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/*/*"},
              {"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/prod/GET/minimal/open"}]}
            """;
        await using var app = await TestApp.StartAsync(o => o.ResourcePolicy = policy);
        var answer = await SampleFactory.GetAsync(app.Client(), path);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.Message, Does.EndWith($"{TestApp.ApiArn}/GET/minimal/open with an explicit deny"));
        });
    }

    [Test]
    public void Vpc_endpoint_header_without_trusted_proxies_stops_the_app()
    {
        var exception = Assert.ThrowsAsync<OptionsValidationException>(async () => await TestApp.StartAsync(o => o.SourceVpceHeader = "X-Amzn-Vpce-Id"));
        Assert.That(exception!.Message, Does.Contain("need ApiAuth:TrustedProxies"));
    }

    [Test]
    public async Task Signed_query_with_an_encoded_plus_cannot_be_replayed_with_a_raw_plus()
    {
        await using var app = await TestApp.StartAsync();
        using var signed = app.SignedClient();
        using var ok = await signed.GetAsync("/minimal/iam?email=a%2Bb%40example.com");
        Assert.That((int)ok.StatusCode, Is.EqualTo(200));

        // Replay the same signature on a target whose '+' the application reads as a space.
        var signer = new ApiAuth.SigV4.Signing.SigV4Signer(new ApiAuth.SigV4.Signing.SigV4SigningCredentials(TestApp.AccessKeyId, TestApp.Secret), "us-east-1");
        var headers = signer.Sign("GET", new Uri("http://localhost/minimal/iam?email=a%2Bb%40example.com")).Headers;
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/minimal/iam?email=a+b%40example.com");
        foreach (var (name, value) in headers)
        {
            replay.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await app.Client().SendAsync(replay);
        var answer = await GatewayAnswer.ReadAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(403));
            Assert.That(answer.ErrorType, Is.EqualTo("InvalidSignatureException"));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Application_sees_a_decision_only_when_it_allowed_the_request(bool allowed)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var decision = new ApiAuth.Gateway.GatewayDecision
        {
            IsAllowed = allowed,
            StatusCode = allowed ? 200 : 403,
            Reason = allowed ? ApiAuth.Gateway.DecisionReason.Allow : ApiAuth.Gateway.DecisionReason.ImplicitDeny,
            AuthorizationType = ApiAuth.Gateway.AuthorizationType.Custom,
            MethodArn = TestApp.ApiArn + "/GET/x",
            PrincipalId = "admin",
        };
        context.Features.Set<ApiAuth.AspNetCore.Authentication.IApiAuthFeature>(new Feature(decision));
        Assert.That(Microsoft.AspNetCore.Http.HttpContextApiAuthExtensions.GetApiAuthDecision(context), allowed ? Is.SameAs(decision) : Is.Null);
    }

    private sealed record Feature(ApiAuth.Gateway.GatewayDecision Decision) : ApiAuth.AspNetCore.Authentication.IApiAuthFeature;
}
