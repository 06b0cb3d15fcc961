using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.Routing;
using ApiAuth.Gateway;

namespace ApiAuth.AspNetCore.Tests.Definitions;

// The PetStore export (TestData/definitions/petstore-swagger2.yaml) bound into options, as the adapter does at start-up.
public sealed class DefinitionBindingTests
{
    private static ApiAuthOptions Bound(Action<ApiAuthOptions>? configure = null, string fixture = "petstore-swagger2.yaml")
    {
        var options = new ApiAuthOptions { Definition = DefinitionApp.Fixture(fixture) };
        configure?.Invoke(options);
        DefinitionBinding.Apply(options, AppContext.BaseDirectory);
        return options;
    }

    [Test]
    public void Export_becomes_routes_authorizers_policy_responses_and_stage()
    {
        var options = Bound();

        Assert.That(options.ConfigurationProblems, Is.Empty);
        Assert.That(options.Stage, Is.EqualTo("prod"));
        Assert.That(options.Routes["GET /pets/{petId}"].AuthorizationType, Is.EqualTo("COGNITO_USER_POOLS"));
        Assert.That(options.Routes["GET /pets/{petId}"].AuthorizationScopes, Is.EqualTo(new[] { "pets/read" }));
        Assert.That(options.Routes["ANY /files/{proxy+}"].AuthorizationType, Is.EqualTo("NONE"));
        Assert.That(options.Authorizers["test-authorizer"].Type, Is.EqualTo("TOKEN"));
        Assert.That(options.Authorizers["test-authorizer"].ResultTtlInSeconds, Is.EqualTo(60));
        Assert.That(options.Authorizers["cognito-pool"].UserPoolId, Is.EqualTo("us-east-1_Example"));
        Assert.That(options.ResourcePolicy, Does.Contain("execute-api:/*/GET/blocked"));
        Assert.That(options.GatewayResponses["ACCESS_DENIED"].Headers["x-petstore"], Is.EqualTo("denied"));
    }

    [Test]
    public void Authorizer_entry_of_the_same_name_completes_the_export_and_overrides_its_ttl()
    {
        var options = Bound(o =>
        {
            var entry = new AuthorizerOptions { ResultTtlInSeconds = 0, JwksFile = "jwks.json" };
            entry.AppClientIds.Add("client-1");
            o.Authorizers["cognito-pool"] = entry;
            o.Authorizers["test-authorizer"] = new AuthorizerOptions { ResultTtlInSeconds = 10 };
        });

        Assert.That(options.ConfigurationProblems, Is.Empty);
        Assert.That(options.Authorizers["cognito-pool"].Type, Is.EqualTo("COGNITO_USER_POOLS"));
        Assert.That(options.Authorizers["cognito-pool"].JwksFile, Is.EqualTo("jwks.json"));
        Assert.That(options.Authorizers["cognito-pool"].ResultTtlInSeconds, Is.EqualTo(0));
        Assert.That(options.Authorizers["test-authorizer"].ResultTtlInSeconds, Is.EqualTo(10));
        Assert.That(options.Authorizers["test-authorizer"].IdentityValidationExpression, Is.EqualTo("^x-[a-z]+"));
    }

    [Test]
    public void Configured_route_that_repeats_a_definition_route_is_an_error()
    {
        var options = Bound(o => o.Routes["GET /pets"] = new RouteAuthorizationOptions { AuthorizationType = "NONE" });

        Assert.That(options.ConfigurationProblems, Is.EqualTo(new[] { "ApiAuth:Routes:GET /pets and the definition's $.paths['/pets'].get set the same route; remove one." }));
    }

    [Test]
    public void Ignore_that_names_nothing_and_settings_without_a_definition_are_errors()
    {
        var typo = Bound(o => o.Ignore.Add("x-amazon-apigateway-request-validatorz"));
        var stray = new ApiAuthOptions { UnmatchedRoutes = "PassThrough" };
        DefinitionBinding.Apply(stray, AppContext.BaseDirectory);
        var wrong = Bound(o => o.UnmatchedRoutes = "Allow");

        Assert.That(typo.ConfigurationProblems, Is.EqualTo(new[] { "ApiAuth:Ignore: 'x-amazon-apigateway-request-validatorz' names nothing the definition asks for." }));
        Assert.That(stray.ConfigurationProblems, Is.EqualTo(new[] { "ApiAuth:Ignore and ApiAuth:UnmatchedRoutes apply only with ApiAuth:Definition." }));
        Assert.That(wrong.ConfigurationProblems, Is.EqualTo(new[] { "ApiAuth:UnmatchedRoutes must be MissingAuthenticationToken or PassThrough, got 'Allow'." }));
    }

    [Test]
    public void Ignored_items_no_longer_stop_the_app_and_api_key_operations_require_a_key()
    {
        var options = Bound(o =>
        {
            o.Ignore.Add("x-amazon-apigateway-request-validators");
            o.Ignore.Add("x-amazon-apigateway-request-validator");
        }, "aws-docs-request-validation-sample.json");

        Assert.That(options.ConfigurationProblems, Is.Empty);
        Assert.That(options.Routes.Where(r => r.Key.EndsWith(" /validation", StringComparison.Ordinal)).Select(r => r.Value.ApiKeyRequired), Is.EqualTo(new[] { true, true }));
    }

    [TestCase("GET", "/pets", "AwsIam")]
    [TestCase("GET", "/pets/7", "CognitoUserPools")]
    [TestCase("GET", "/pets/", "AwsIam")]
    [TestCase("PUT", "/files/a/b", "None")]
    [TestCase("GET", "/", "None")]
    [TestCase("GET", "/pets/7/toys", null)]
    [TestCase("PUT", "/pets", null)]
    public void Requests_match_the_most_specific_resource_then_its_method(string method, string path, string? expected)
    {
        // The export names the pool; its app client ids come from the settings beside it.
        var options = Bound(o => o.Authorizers["cognito-pool"] = new AuthorizerOptions { AppClientIds = { "client" } });
        var build = ApiModelBinding.Build(options, AppContext.BaseDirectory);
        var routes = new ConfiguredRoutes(options, build);

        Assert.That(build.Problems, Is.Empty);
        Assert.That(routes.Match(method, path)?.Type.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void A_literal_segment_wins_over_a_parameter_and_a_parameter_over_a_greedy_path()
    {
        var options = new ApiAuthOptions { Definition = "unused" };
        options.Routes["GET /{proxy+}"] = new RouteAuthorizationOptions { AuthorizationType = "NONE" };
        options.Routes["GET /pets/{id}"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
        options.Routes["GET /pets/mine"] = new RouteAuthorizationOptions { AuthorizationType = "AWS_IAM" };
        options.Routes["ANY /pets/mine"] = new RouteAuthorizationOptions { AuthorizationType = "NONE" };
        var routes = new ConfiguredRoutes(options, ApiModelBinding.Build(options, AppContext.BaseDirectory));

        Assert.That(routes.Match("GET", "/pets/mine")!.Type, Is.EqualTo(AuthorizationType.AwsIam), "the method before ANY");
        Assert.That(routes.Match("POST", "/pets/mine")!.Type, Is.EqualTo(AuthorizationType.None), "ANY for other methods");
        Assert.That(routes.Match("GET", "/pets/7")!.Type, Is.EqualTo(AuthorizationType.AwsIam));
        Assert.That(routes.Match("GET", "/toys/7")!.Type, Is.EqualTo(AuthorizationType.None));
        Assert.That(routes.Match("POST", "/pets/7"), Is.Null, "/pets/{id} is chosen, and has no POST");
    }
}
