using ApiAuth.Arns;

namespace ApiAuth.Core.Tests.Arns;

/// <summary>
/// execute-api ARNs (AWS "Control access to an API with IAM permissions": the method ARN format) and the resource
/// policy shorthand (AWS "API Gateway resource policy examples").
/// </summary>
public sealed class ArnTests
{
    private static readonly RestApiReference Api = new("us-east-2", "123456789012", "aabbccddee");

    [TestCase("GET", "/pets", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/prod/GET/pets")]
    [TestCase("get", "/pets/1/toys", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/prod/GET/pets/1/toys")]
    [TestCase("POST", "/", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/prod/POST/")]
    [TestCase("GET", "pets", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/prod/GET/pets")]
    public void Method_ARN_is_built_from_region_account_api_stage_method_and_path(string method, string path, string expected) =>
        Assert.That(MethodArn.Build(Api, "prod", method, path), Is.EqualTo(expected));

    [Test]
    public void Method_ARN_uses_the_APIs_partition() =>
        Assert.That(MethodArn.Build(Api with { Partition = "aws-cn" }, "prod", "GET", "/"), Does.StartWith("arn:aws-cn:execute-api:"));

    [TestCase("execute-api:/stage-name/GET/pets", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/stage-name/GET/pets")]
    [TestCase("execute-api:/*", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/*")]
    [TestCase("execute-api:/*/*/*", "arn:aws:execute-api:us-east-2:123456789012:aabbccddee/*/*/*")]
    [TestCase("arn:aws:execute-api:us-east-1:111122223333:other/*", "arn:aws:execute-api:us-east-1:111122223333:other/*")]
    public void Shorthand_expands_against_the_API_and_other_resources_are_unchanged(string resource, string expected) =>
        Assert.That(ExecuteApiShorthand.Expand(resource, Api), Is.EqualTo(expected));

    [Test]
    public void ARN_parses_into_six_fields_with_colons_kept_in_the_resource()
    {
        Assert.That(Arn.TryParse("arn:aws:logs:us-east-1:123456789012:log-group:name:*", out var arn), Is.True);
        Assert.That((arn!.Partition, arn.Service, arn.Region, arn.Account, arn.Resource),
            Is.EqualTo(("aws", "logs", "us-east-1", "123456789012", "log-group:name:*")));
        Assert.That(arn.ToString(), Is.EqualTo("arn:aws:logs:us-east-1:123456789012:log-group:name:*"));
    }

    [TestCase("arn:aws:iam::123456789012")]
    [TestCase("urn:aws:iam::123456789012:root")]
    [TestCase("")]
    [TestCase(null)]
    public void Non_ARNs_do_not_parse(string? text) => Assert.That(Arn.TryParse(text, out _), Is.False);
}
