using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Tests.Gateway;

/// <summary><see cref="ApiGateway.PrepareCaller"/>: a caller's identity policies compiled ahead of its first request.</summary>
public class PrepareCallerTests
{
    private static readonly ApiGateway Gateway = new(new RestApiReference("us-east-1", "123456789012", "api123"), "prod", null, null);

    private static AccessKeyCredential Caller(string policy) =>
        new("AKIDEXAMPLE", "secret", "arn:aws:iam::123456789012:user/alice") { IdentityPolicies = [policy] };

    [Test]
    public void A_caller_with_valid_policies_is_ready()
    {
        var caller = Caller("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""");

        Assert.That(Gateway.PrepareCaller(caller), Is.Null);
    }

    [Test]
    public void A_caller_with_an_invalid_policy_is_refused_with_the_policy_and_json_path()
    {
        var caller = Caller("""{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"execute-api:Invoke","Resource":"*"}]}""");

        Assert.That(Gateway.PrepareCaller(caller), Does.Contain("identity policy 1 of arn:aws:iam::123456789012:user/alice").And.Contain("$.Statement[0].Effect"));
    }
}
