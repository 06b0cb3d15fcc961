using System.Diagnostics.CodeAnalysis;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Tests.Authorizers.TestSupport;

namespace ApiAuth.Tests.Authorizers.Caching;

/// <summary>DESIGN.md §5 budget for a cached decision (the benchmark measures it precisely; this guards regressions).</summary>
public class CacheHitAllocationTests
{
    [Test]
    public async Task Cache_hit_with_a_JWT_sized_token_allocates_at_most_256_bytes()
    {
        using var invoker = new CustomAuthorizerInvoker(
            [new(CustomAuthorizerDefinition.Token("auth"), new ScriptedAuthorizer(AuthorizerFixtures.Allow("u", "*")))],
            new AllowingCompiler(),
            TimeProvider.System);
        var request = AuthorizerFixtures.Request(AuthorizerFixtures.GetPets, "eyJ" + new string('x', 900));
        await invoker.AuthorizeAsync("auth", request);

        const int Iterations = 1000;
        var allAllowed = true;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            var pending = invoker.AuthorizeAsync("auth", request);
            allAllowed &= pending.IsCompletedSuccessfully && pending.Result.IsAllowed;
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Iterations;
        Assert.That(allAllowed, Is.True);
        Assert.That(perCall, Is.LessThanOrEqualTo(256));
    }

    /// <summary>An allocation-free policy, so the measurement is the cache's own.</summary>
    private sealed class AllowingCompiler : IAuthorizerPolicyCompiler, IAuthorizerPolicy
    {
        public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
        {
            policy = this;
            error = null;
            return true;
        }

        public PolicyEvaluation Evaluate(string methodArn) => new(PolicyDecision.Allow, null);
    }
}
