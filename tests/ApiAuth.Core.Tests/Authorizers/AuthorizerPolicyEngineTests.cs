using ApiAuth.Arns;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Tests.Authorizers.TestSupport;

namespace ApiAuth.Tests.Authorizers;

/// <summary>Authorizer policies compiled and evaluated by the IAM policy engine, through the authorizers' seam.</summary>
public class AuthorizerPolicyEngineTests
{
    private static readonly EngineAuthorizerPolicyCompiler Compiler = new(new RestApiReference("us-east-1", "123456789012", "api123"));

    private static IAuthorizerPolicy Compile(string json)
    {
        Assert.That(Compiler.TryCompile(json, out var policy, out var error), Is.True, error);
        return policy!;
    }

    [Test]
    public void Allow_for_GET_pets_does_not_cover_DELETE_pets()
    {
        var policy = Compile($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"{{AuthorizerFixtures.GetPets}}"}]}""");

        Assert.That(policy.Evaluate(AuthorizerFixtures.GetPets).Decision, Is.EqualTo(PolicyDecision.Allow));
        Assert.That(policy.Evaluate(AuthorizerFixtures.DeletePets).Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [Test]
    public void Deny_overrides_a_wildcard_allow()
    {
        var policy = Compile($$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"execute-api:*","Resource":"{{AuthorizerFixtures.ApiArn}}/*"},
              {"Effect":"Deny","Action":"execute-api:Invoke","Resource":"{{AuthorizerFixtures.ApiArn}}/DELETE/*"}]}
            """);

        Assert.That(policy.Evaluate(AuthorizerFixtures.GetPets).Decision, Is.EqualTo(PolicyDecision.Allow));
        Assert.That(policy.Evaluate(AuthorizerFixtures.DeletePets).Decision, Is.EqualTo(PolicyDecision.ExplicitDeny));
    }

    [Test]
    public void Actions_compare_case_insensitively_and_resources_case_sensitively()
    {
        var policy = Compile($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"EXECUTE-API:invoke","Resource":"{{AuthorizerFixtures.ApiArn}}/GET/pets"}]}""");

        Assert.That(policy.Evaluate(AuthorizerFixtures.GetPets).Decision, Is.EqualTo(PolicyDecision.Allow));
        Assert.That(policy.Evaluate(AuthorizerFixtures.ApiArn + "/GET/PETS").Decision, Is.EqualTo(PolicyDecision.ImplicitDeny));
    }

    [TestCase("""{"Version":"2012-10-17","Statement":[{"Effect":"Perhaps","Action":"execute-api:Invoke","Resource":"*"}]}""")]
    [TestCase("""{"Version":"2012-10-17"}""")]
    [TestCase("""not json""")]
    public void Invalid_policy_is_refused_with_a_reason(string json)
    {
        Assert.That(Compiler.TryCompile(json, out var policy, out var error), Is.False);
        Assert.That(policy, Is.Null);
        Assert.That(error, Is.Not.Empty);
    }
}
