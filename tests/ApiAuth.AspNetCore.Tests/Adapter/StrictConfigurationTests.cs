using System.Text;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.Configuration.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// The <c>ApiAuth</c> section is checked key by key: a misspelled security setting stops the app with its path and
/// the name it most likely meant, never silently opening the API.
/// </summary>
public sealed class StrictConfigurationTests
{
    private const string Valid = """
        "Region": "us-east-1", "AccountId": "123456789012", "ApiId": "testapi", "Stage": "prod"
        """;

    [Test]
    public void Misspelled_resource_policy_stops_the_app_with_the_path_and_the_nearest_name()
    {
        // Ignored, this typo would leave the API with no resource policy: an explicitly denied caller would get 200.
        var exception = StartFails($$"""{ {{Valid}}, "ResourcePolicys": { "Version": "2012-10-17", "Statement": [] } }""");
        Assert.That(exception.Failures, Is.EqualTo(new[] { "ApiAuth:ResourcePolicys is not a setting; did you mean ApiAuth:ResourcePolicy?" }));
    }

    [Test]
    public void Misspelled_key_inside_an_authorizer_stops_the_app()
    {
        var exception = StartFails($$"""
            { {{Valid}}, "Authorizers": { "tenant": { "Type": "REQUEST", "IdentitySources": [ "method.request.header.X-Tenant" ] } } }
            """);
        Assert.That(exception.Failures, Has.Member("ApiAuth:Authorizers:tenant:IdentitySources is not a setting; did you mean ApiAuth:Authorizers:tenant:IdentitySource?"));
    }

    [Test]
    public void Misspelled_key_inside_a_credential_stops_the_app()
    {
        var exception = StartFails($$"""
            { {{Valid}}, "Credentials": [ { "AccessKeyId": "AKIDEXAMPLE", "SecretAccessKey": "secret", "PrincipalArn": "arn:aws:iam::123456789012:user/a",
                                           "Policy": [ { "Version": "2012-10-17", "Statement": [] } ] } ] }
            """);
        Assert.That(exception.Failures, Is.EqualTo(new[] { "ApiAuth:Credentials:0:Policy is not a setting; did you mean ApiAuth:Credentials:0:Policies?" }));
    }

    [Test]
    public void Misspelled_key_inside_a_gateway_response_stops_the_app()
    {
        var exception = StartFails($$"""{ {{Valid}}, "GatewayResponses": { "ACCESS_DENIED": { "StatusCod": 404 } } }""");
        Assert.That(exception.Failures, Is.EqualTo(new[] { "ApiAuth:GatewayResponses:ACCESS_DENIED:StatusCod is not a setting; did you mean ApiAuth:GatewayResponses:ACCESS_DENIED:StatusCode?" }));
    }

    [Test]
    public void Misspelled_key_inside_a_route_stops_the_app()
    {
        var exception = StartFails($$"""{ {{Valid}}, "Routes": { "GET /pets/{id}": { "AuthorisationType": "AWS_IAM" } } }""");
        Assert.That(exception.Failures, Is.EqualTo(new[] { "ApiAuth:Routes:GET /pets/{id}:AuthorisationType is not a setting; did you mean ApiAuth:Routes:GET /pets/{id}:AuthorizationType?" }));
    }

    [Test]
    public void Every_problem_comes_in_one_start_up_error()
    {
        var exception = StartFails($$"""
            { {{Valid}}, "ResourcePolicys": {}, "TrustedProxy": [ "10.0.0.1" ],
              "Credentials": [ { "AccessKeyID": "AKIDEXAMPLE", "Secret": "x", "Password": "y" } ],
              "Authorizers": { "t": { "Type": "TOKEN", "ResultTtlInSeconds": "five", "UserPoolId": "us-east-1_X" } },
              "GatewayResponses": { "UNAUTHORIZED": { "Header": { "x": "y" } } },
              "Routes": { "GET /pets": { "Authorizor": "t" } },
              "MaxBodySize": "big" }
            """);
        Assert.Multiple(() =>
        {
            Assert.That(exception.Failures, Is.EquivalentTo(new[]
            {
                "ApiAuth:ResourcePolicys is not a setting; did you mean ApiAuth:ResourcePolicy?",
                "ApiAuth:TrustedProxy is not a setting; did you mean ApiAuth:TrustedProxies?",
                "ApiAuth:Credentials:0:Secret is not a setting; did you mean ApiAuth:Credentials:0:SecretAccessKey?",
                "ApiAuth:Credentials:0:Password is not a setting; the settings here are AccessKeyId, SecretAccessKey, SessionToken, PrincipalArn, UserId, Tags, Policies.",
                "ApiAuth:Authorizers:t:ResultTtlInSeconds must be a whole number, got 'five'.",
                "ApiAuth:Authorizers:t:UserPoolId does not apply to a TOKEN authorizer; it applies to COGNITO_USER_POOLS.",
                "ApiAuth:GatewayResponses:UNAUTHORIZED:Header is not a setting; did you mean ApiAuth:GatewayResponses:UNAUTHORIZED:Headers?",
                "ApiAuth:Routes:GET /pets:Authorizor is not a setting; did you mean ApiAuth:Routes:GET /pets:Authorizer?",
                "ApiAuth:MaxBodySize must be a whole number, got 'big'.",
            }));
            Assert.That(exception.Message, Does.Contain("ApiAuth:TrustedProxy is not a setting").And.Contain("ApiAuth:MaxBodySize must be a whole number"), "one error names them all");
        });
    }

    [Test]
    public void Keys_compare_ignoring_case_as_configuration_does()
    {
        Assert.DoesNotThrowAsync(async () => await StartAsync("""{ "region": "us-east-1", "ACCOUNTID": "123456789012", "apiId": "testapi", "TRUSTEDPROXIES": [ "10.0.0.1" ] }"""));
    }

    [Test]
    public void A_section_where_a_value_belongs_and_a_value_where_a_list_belongs_are_refused()
    {
        var exception = StartFails($$"""{ {{Valid}}, "Stage": { "Name": "prod" }, "TrustedProxies": "10.0.0.1" }""");
        Assert.That(exception.Failures, Is.EquivalentTo(new[]
        {
            "ApiAuth:Stage must be a text value, not a section.",
            "ApiAuth:TrustedProxies must be a list, got '10.0.0.1'.",
        }));
    }

    [Test]
    public void Settings_of_another_authorizer_kind_are_refused()
    {
        var exception = StartFails($$"""
            { {{Valid}}, "Authorizers": { "c": { "Type": "COGNITO_USER_POOLS", "UserPoolId": "us-east-1_X", "AppClientIds": [ "a" ], "JwksFile": "j.json",
                                                 "IdentityValidationExpression": "^Bearer", "Issuer": "https://example.com/" } } }
            """);
        Assert.That(exception.Failures, Is.EquivalentTo(new[]
        {
            "ApiAuth:Authorizers:c:IdentityValidationExpression does not apply to a COGNITO_USER_POOLS authorizer; it applies to TOKEN.",
            "ApiAuth:Authorizers:c:Issuer does not apply to a COGNITO_USER_POOLS authorizer; it applies to JWT.",
        }));
    }

    [Test]
    public void Every_option_property_is_a_setting_of_the_schema()
    {
        // A property added to the options but not to the schema would be refused when configured; one in the schema but
        // not bound would be dropped. Both lists must name the same settings.
        Assert.Multiple(() =>
        {
            Assert.That(ApiAuthSchema.Root.Names, Is.EquivalentTo(PublicProperties<ApiAuthOptions>()));
            Assert.That(ApiAuthSchema.Credential.Names, Is.EquivalentTo(PublicProperties<CredentialOptions>()));
            Assert.That(ApiAuthSchema.Authorizer.Names, Is.EquivalentTo(PublicProperties<AuthorizerOptions>()));
            Assert.That(ApiAuthSchema.GatewayResponse.Names, Is.EquivalentTo(PublicProperties<GatewayResponseOptions>()));
            Assert.That(ApiAuthSchema.Route.Names, Is.EquivalentTo(PublicProperties<RouteAuthorizationOptions>()));
            Assert.That(ApiAuthSchema.ApiKey.Names, Is.EquivalentTo(PublicProperties<ApiKeyOptions>()));
            Assert.That(ApiAuthSchema.UsagePlan.Names, Is.EquivalentTo(PublicProperties<UsagePlanOptions>()));
            Assert.That(ApiAuthSchema.Throttle.Names, Is.EquivalentTo(PublicProperties<ThrottleOptions>()));
            Assert.That(ApiAuthSchema.Quota.Names, Is.EquivalentTo(PublicProperties<QuotaOptions>()));
        });
    }

    [Test]
    public void Nearest_name_suggests_only_close_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NearestName.Find("ResourcePolicys", ["Region", "ResourcePolicy", "ResourcePolicyFile"]), Is.EqualTo("ResourcePolicy"));
            Assert.That(NearestName.Find("AccountID", ["AccountId", "ApiId"]), Is.EqualTo("AccountId"));
            Assert.That(NearestName.Find("Tpye", ["Type", "Issuer"]), Is.EqualTo("Type"), "a transposition is one edit");
            Assert.That(NearestName.Find("Policy", ["Tags", "Policies"]), Is.EqualTo("Policies"), "a singular for a plural");
            Assert.That(NearestName.Find("Completely", ["Type", "Issuer"]), Is.Null);
        });
    }

    private static IEnumerable<string> PublicProperties<T>() => typeof(T).GetProperties().Select(p => p.Name);

    private static OptionsValidationException StartFails(string apiAuthJson) =>
        Assert.ThrowsAsync<OptionsValidationException>(async () => await StartAsync(apiAuthJson))!;

    private static async Task StartAsync(string apiAuthJson)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "ApiAuth": {{apiAuthJson}} }""")))
            .Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddApiAuth(configuration.GetSection("ApiAuth"));
        await using var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }
}
