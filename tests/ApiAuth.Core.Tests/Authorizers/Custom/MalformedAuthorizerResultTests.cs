using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers;
using ApiAuth.Gateway;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Custom;

public class MalformedAuthorizerResultTests
{
    private static readonly AuthorizerPolicyDocument AllowAll = AuthorizerFixtures.Allow("u", "*").PolicyDocument!;

    private static IEnumerable<TestCaseData> MalformedResponses()
    {
        yield return new TestCaseData(null, DecisionReason.MalformedAuthorizerResult).SetName("null response");
        yield return new TestCaseData(new CustomAuthorizerResponse { PolicyDocument = AllowAll }, DecisionReason.MalformedAuthorizerResult).SetName("no principal");
        yield return new TestCaseData(new CustomAuthorizerResponse { PrincipalID = "", PolicyDocument = AllowAll }, DecisionReason.MalformedAuthorizerResult).SetName("empty principal");
        yield return new TestCaseData(new CustomAuthorizerResponse { PrincipalID = "u" }, DecisionReason.MalformedAuthorizerResult).SetName("no policy");
        yield return new TestCaseData(Context("nested", new Dictionary<string, object> { ["a"] = 1 }), DecisionReason.MalformedAuthorizerResult).SetName("context object value");
        yield return new TestCaseData(Context("list", new[] { "a", "b" }), DecisionReason.MalformedAuthorizerResult).SetName("context array value");
        yield return new TestCaseData(Context("nothing", null), DecisionReason.MalformedAuthorizerResult).SetName("context null value");
        yield return new TestCaseData(Context("when", DateTime.UnixEpoch), DecisionReason.MalformedAuthorizerResult).SetName("context date value");
        yield return new TestCaseData(AuthorizerFixtures.Answer("u", "Perhaps", "*"), DecisionReason.MalformedPolicyDocument).SetName("policy the engine refuses");
        yield return new TestCaseData(
            new CustomAuthorizerResponse
            {
                PrincipalID = "u",
                PolicyDocument = new AuthorizerPolicyDocument
                {
                    Statement = [new AuthorizerPolicyStatement { Effect = "Allow", Condition = new Dictionary<string, IDictionary<string, object>> { ["StringEquals"] = new Dictionary<string, object> { ["k"] = new object() } } }],
                },
            },
            DecisionReason.MalformedPolicyDocument).SetName("condition value that is not a string");
    }

    [TestCaseSource(nameof(MalformedResponses))]
    public async Task Malformed_result_is_500_and_never_cached(CustomAuthorizerResponse? response, DecisionReason reason)
    {
        var authorizer = new ScriptedAuthorizer((_, _) => Task.FromResult(response!));
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Token("auth"), authorizer)], new CountingPolicyCompiler(), new FakeTimeProvider(TestJwt.Now));

        var first = await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));
        await invoker.AuthorizeAsync("auth", AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "t"));

        Assert.That(first.StatusCode, Is.EqualTo(500));
        Assert.That(first.Message, Is.Null);
        Assert.That(first.ErrorType, Is.EqualTo("AuthorizerConfigurationException"));
        Assert.That(first.Reason, Is.EqualTo(reason));
        Assert.That(authorizer.Invocations, Is.EqualTo(2));
    }

    private static CustomAuthorizerResponse Context(string key, object? value) => new()
    {
        PrincipalID = "u",
        PolicyDocument = AllowAll,
        Context = new Dictionary<string, object?> { [key] = value },
    };
}
