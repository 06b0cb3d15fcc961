using ApiAuth.Definitions;

namespace ApiAuth.Core.Tests.Definitions;

// Fixtures: TestData/definitions (sources in its README.md and in each file's header).
public sealed class OpenApiDefinitionReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "definitions", name);

    private static ApiDefinition ReadText(string text) => OpenApiDefinitionReader.Read(DefinitionDocument.Parse(text));

    [Test]
    public void Swagger_yaml_export_gives_every_route_its_auth()
    {
        var definition = OpenApiDefinitionReader.Load(Fixture("petstore-swagger2.yaml"));

        Assert.That(definition.Errors, Is.Empty);
        Assert.That(definition.Refused, Is.Empty);
        Assert.That(definition.Format, Is.EqualTo("Swagger 2.0"));
        Assert.That(definition.Stage, Is.EqualTo("prod"));
        var routes = definition.Routes.Select(r => $"{r.Method} {r.Path} {r.AuthorizationType} {r.Authorizer} [{string.Join(",", r.Scopes)}]");
        Assert.That(routes, Is.EqualTo(new[]
        {
            "GET / NONE  []",
            "GET /pets AWS_IAM  []",
            "POST /pets AWS_IAM  []",
            "OPTIONS /pets NONE  []",
            "GET /pets/{petId} COGNITO_USER_POOLS cognito-pool [pets/read]",
            "GET /profile COGNITO_USER_POOLS cognito-pool []",
            "GET /reports CUSTOM test-authorizer []",
            "GET /admin CUSTOM request_authorizer_header_query []",
            "GET /blocked NONE  []",
            "ANY /files/{proxy+} NONE  []",
        }));
    }

    [Test]
    public void Authorizers_are_read_with_identity_sources_ttl_and_user_pool()
    {
        var definition = OpenApiDefinitionReader.Load(Fixture("petstore-swagger2.yaml"));

        Assert.That(definition.Authorizers["test-authorizer"], Is.EqualTo(new DefinitionAuthorizer("test-authorizer", "TOKEN", "method.request.header.Authorization", "^x-[a-z]+", 60, null, "$.securityDefinitions.test-authorizer")));
        Assert.That(definition.Authorizers["request_authorizer_header_query"].IdentitySource, Is.EqualTo("method.request.header.HeaderAuth1, method.request.querystring.QueryString1"));
        Assert.That(definition.Authorizers["request_authorizer_header_query"].Type, Is.EqualTo("REQUEST"));
        Assert.That(definition.Authorizers["cognito-pool"].UserPoolId, Is.EqualTo("us-east-1_Example"));
        Assert.That(definition.Authorizers["cognito-pool"].Type, Is.EqualTo("COGNITO_USER_POOLS"));
        Assert.That(definition.Authorizers.ContainsKey("sigv4"), Is.False);
    }

    [Test]
    public void Resource_policy_and_gateway_responses_are_read()
    {
        var definition = OpenApiDefinitionReader.Load(Fixture("petstore-swagger2.yaml"));

        Assert.That(definition.ResourcePolicy, Does.Contain("\"Resource\":\"execute-api:/*/GET/blocked\""));
        Assert.That(definition.ResourcePolicy, Does.Contain("\"aws:SourceIp\":[\"127.0.0.1/32\"]"));
        var denied = definition.GatewayResponses["ACCESS_DENIED"];
        Assert.That(denied.StatusCode, Is.EqualTo(403));
        Assert.That(denied.Headers["x-petstore"], Is.EqualTo("denied"));
        Assert.That(denied.BodyTemplate, Is.EqualTo("{\"message\":$context.error.messageString}"));
    }

    [Test]
    public void OpenApi3_json_export_reads_servers_stage_scopes_and_any_method()
    {
        var definition = OpenApiDefinitionReader.Load(Fixture("petstore-oas30.json"));

        Assert.That(definition.Errors, Is.Empty);
        Assert.That(definition.Refused, Is.Empty);
        Assert.That(definition.Format, Is.EqualTo("OpenAPI 3.0.1"));
        Assert.That(definition.Stage, Is.EqualTo("test"));
        Assert.That(definition.Routes.Select(r => $"{r.Method} {r.Path} {r.AuthorizationType} {r.Authorizer} [{string.Join(",", r.Scopes)}]"), Is.EqualTo(new[]
        {
            "GET /pets AWS_IAM  []",
            "GET /pets/{petId} COGNITO_USER_POOLS cognito-pool [pets/read,pets/admin]",
            "ANY /{proxy+} CUSTOM test-authorizer []",
        }));
        Assert.That(definition.Authorizers["test-authorizer"].ResultTtlInSeconds, Is.EqualTo(60), "the documented string form of the TTL");
    }

    [Test]
    public void Request_validators_of_the_aws_sample_are_refused_each_with_its_path_and_its_api_keys_are_read()
    {
        var definition = OpenApiDefinitionReader.Load(Fixture("aws-docs-request-validation-sample.json"));

        Assert.That(definition.Refused.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "$.x-amazon-apigateway-request-validators: request validation is not enforced by ApiAuth.",
            "$.x-amazon-apigateway-request-validator: request validation is not enforced by ApiAuth.",
            "$.paths['/validation'].post.x-amazon-apigateway-request-validator: request validation is not enforced by ApiAuth.",
        }));
        Assert.That(definition.Refused.Select(f => f.Item).Distinct(), Is.EqualTo(new[] { "x-amazon-apigateway-request-validators", "x-amazon-apigateway-request-validator" }));
        Assert.That(definition.Errors, Is.Empty);
        Assert.That(definition.Routes.Where(r => r.Path == "/validation").Select(r => (r.Method, r.ApiKeyRequired)), Is.EquivalentTo(new[] { ("POST", true), ("GET", true) }),
            "api_key in an operation's security is apiKeyRequired");
        Assert.That(definition.Stage, Is.EqualTo("v1"));
    }

    [Test]
    public void Ignore_accepts_refused_items_by_name_or_path()
    {
        var definition = OpenApiDefinitionReader.Load(Fixture("aws-docs-request-validation-sample.json"));

        Assert.That(definition.Unaccepted(["x-amazon-apigateway-request-validators"]).Select(f => f.Path), Is.EqualTo(new[]
        {
            "$.x-amazon-apigateway-request-validator", "$.paths['/validation'].post.x-amazon-apigateway-request-validator",
        }));
        Assert.That(definition.Unaccepted(["x-amazon-apigateway-request-validators", "x-amazon-apigateway-request-validator"]), Is.Empty);
    }

    [Test]
    public void Unknown_extension_is_refused_with_its_path()
    {
        var definition = ReadText("""
            swagger: "2.0"
            paths:
              /pets:
                get:
                  x-amazon-apigateway-mtls-truststore: s3://bucket/truststore.pem
                  responses: {}
            x-amazon-apigateway-api-key-source: HEADER
            """);

        Assert.That(definition.Refused.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "$.paths['/pets'].get.x-amazon-apigateway-mtls-truststore: 'x-amazon-apigateway-mtls-truststore' is an API Gateway extension ApiAuth does not know, so it cannot enforce what it asks for.",
        }));
    }

    [TestCase("AUTHORIZER", "AUTHORIZER")]
    [TestCase("header", "HEADER")]
    public void Api_key_source_is_read_from_the_root(string written, string read)
    {
        var definition = ReadText($$"""
            swagger: "2.0"
            paths: {}
            x-amazon-apigateway-api-key-source: {{written}}
            """);

        Assert.That(definition.ApiKeySource, Is.EqualTo(read));
        Assert.That(definition.Errors, Is.Empty);
    }

    [Test]
    public void Api_key_source_other_than_header_or_authorizer_is_an_error()
    {
        var definition = ReadText("""
            swagger: "2.0"
            paths: {}
            x-amazon-apigateway-api-key-source: QUERY
            """);

        Assert.That(definition.Errors.Select(f => f.ToString()), Is.EqualTo(new[] { "$.x-amazon-apigateway-api-key-source: must be HEADER or AUTHORIZER, got \"QUERY\"." }));
    }

    [Test]
    public void A_known_extension_out_of_its_place_is_refused_rather_than_skipped()
    {
        var definition = ReadText("""
            swagger: "2.0"
            x-amazon-apigateway-auth: { type: AWS_IAM }
            paths:
              /pets:
                get:
                  responses: {}
                  x-amazon-apigateway-policy: { Version: "2012-10-17", Statement: [] }
            """);

        Assert.That(definition.Refused.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "$.x-amazon-apigateway-auth: 'x-amazon-apigateway-auth' is read only in an operation; here ApiAuth would not apply it.",
            "$.paths['/pets'].get.x-amazon-apigateway-policy: 'x-amazon-apigateway-policy' is read only at the top level of the document; here ApiAuth would not apply it.",
        }));
    }

    [Test]
    public void Authorizer_faults_are_errors_with_paths()
    {
        var definition = ReadText("""
            {
              "openapi": "3.0.1",
              "paths": { "/a": { "get": { "security": [ { "missing": [] } ] } },
                         "/b": { "get": { "security": [ { "pool": [] }, { "iam": [] } ] } },
                         "/c": { "get": { "security": [ { "iam": [ "scope" ] } ] } } },
              "components": { "securitySchemes": {
                "iam": { "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4" },
                "pool": { "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authorizer": { "type": "cognito_user_pools", "providerARNs": [ "arn:aws:cognito-idp:us-east-1:1:userpool/a", "arn:aws:cognito-idp:us-east-1:1:userpool/b" ] } },
                "jwt": { "type": "oauth2", "x-amazon-apigateway-authorizer": { "type": "jwt", "jwtConfiguration": { "issuer": "https://x" } } },
                "slow": { "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authorizer": { "type": "token", "authorizerResultTtlInSeconds": 3601 } },
                "basic": { "type": "http", "scheme": "basic" } } }
            }
            """);

        Assert.That(definition.Errors.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "$.components.securitySchemes.pool.x-amazon-apigateway-authorizer.providerARNs: names more than one user pool; ApiAuth's Cognito authorizer checks one pool (split them into one authorizer each).",
            "$.components.securitySchemes.jwt.x-amazon-apigateway-authorizer.jwtConfiguration: 'jwtConfiguration' belongs to HTTP API authorizers, which this version of ApiAuth does not read from a definition.",
            "$.components.securitySchemes.jwt.x-amazon-apigateway-authorizer.type: JWT authorizers belong to HTTP APIs, which this version of ApiAuth does not read from a definition.",
            "$.components.securitySchemes.slow.x-amazon-apigateway-authorizer.authorizerResultTtlInSeconds: must be a whole number of seconds from 0 to 3600, got 3601.",
            "$.components.securitySchemes.basic: is not a scheme API Gateway enforces: it has no x-amazon-apigateway-authtype (awsSigv4) and no x-amazon-apigateway-authorizer.",
            "$.paths['/a'].get.security[0].missing: names the security scheme 'missing', which is not defined (or could not be read).",
            "$.paths['/b'].get.security[0].pool: names the security scheme 'pool', which is not defined (or could not be read).",
            "$.paths['/c'].get.security: scopes apply only to cognito_user_pools authorizers, not to AWS_IAM.",
        }));
        Assert.That(definition.Routes, Is.Empty);
    }

    [Test]
    public void Two_authorizers_on_one_method_are_an_error()
    {
        var definition = ReadText("""
            swagger: "2.0"
            securityDefinitions:
              iam: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
              token: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: custom, x-amazon-apigateway-authorizer: { type: token } }
            paths:
              /a:
                get:
                  security: [ { iam: [] }, { token: [] } ]
            """);

        Assert.That(definition.Errors.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "$.paths['/a'].get.security[1].token: names 'token' beside 'iam'; API Gateway applies one authorizer to a method.",
        }));
    }

    [TestCase("{ \"openapi\": ", "the JSON is malformed")]
    [TestCase("{ \"openapi\": \"3.0.1\", \"openapi\": \"3.0.2\" }", "the JSON is malformed")]
    [TestCase("swagger: '2.0'\nswagger: '2.0'\n", "Duplicate key swagger")]
    [TestCase("a: [b, c\n", "the YAML is malformed")]
    [TestCase("a: !Ref Thing\n", "the YAML tag '!Ref'")]
    [TestCase("--- 1\n--- 2\n", "holds 2 documents")]
    public void Malformed_documents_are_format_errors(string text, string expected)
    {
        Assert.That(() => DefinitionDocument.Parse(text), Throws.InstanceOf<DefinitionFormatException>().With.Message.Contains(expected));
    }

    [Test]
    public void Deep_nesting_is_refused_in_json_and_yaml()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var yaml = string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i * 2) + "a:\n")) + new string(' ', 200) + "b: 1\n";

        Assert.That(() => DefinitionDocument.Parse(json), Throws.InstanceOf<DefinitionFormatException>());
        Assert.That(() => DefinitionDocument.Parse(yaml), Throws.InstanceOf<DefinitionFormatException>().With.Message.Contains("deeper than 64"));
    }

    [Test]
    public void Yaml_alias_bomb_is_refused()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [" + string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)) + "]");
        }

        Assert.That(() => DefinitionDocument.Parse(string.Join("\n", lines)), Throws.InstanceOf<DefinitionFormatException>().With.Message.Contains("expands to more than"));
    }

    [Test]
    public void A_document_that_is_not_openapi_is_an_error()
    {
        Assert.That(ReadText("{ \"openapi\": \"2.5\" }").Errors.Single().ToString(),
            Is.EqualTo("$: not an OpenAPI 3 or Swagger 2.0 document: it needs \"openapi\": \"3.0.x\" or \"swagger\": \"2.0\"."));
    }

    [Test]
    public void A_sam_template_is_a_clear_error_until_sam_is_read()
    {
        var json = ReadText("""{ "AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31", "Resources": {} }""");

        Assert.That(json.Errors.Single().ToString(), Is.EqualTo("$: this is a SAM or CloudFormation template, which this version of ApiAuth does not read: export the deployed API with aws apigateway get-export --parameters extensions=apigateway."));
        Assert.That(() => DefinitionDocument.Parse("Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Properties:\n      StageName: !Ref Stage\n"),
            Throws.InstanceOf<DefinitionFormatException>().With.Message.Contains("SAM and CloudFormation templates are not read by this version"));
    }

    [Test]
    public void A_file_larger_than_the_limit_is_refused_before_reading()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path))
            {
                file.SetLength(DefinitionDocument.MaxBytes + 1);
            }
            Assert.That(() => DefinitionDocument.Load(path), Throws.InstanceOf<DefinitionFormatException>().With.Message.Contains("at most"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
