using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Tests.Gateway;

/// <summary>A caller's policies are compiled once per value, whether its store keeps the object or builds a fresh one.</summary>
public class IdentityPolicyCacheTests
{
    private const string Allow = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";
    private const string Deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"execute-api:Invoke","Resource":"*"}]}""";

    private static AccessKeyCredential Fresh(string policy = Allow, string team = "pets") =>
        new("AKIDEXAMPLE", "secret", "arn:aws:iam::123456789012:user/alice")
        {
            IdentityPolicies = [policy],
            Tags = new Dictionary<string, string> { ["team"] = team, ["level"] = "3" },
        };

    private static IdentityPolicyCache Cache() => new(new RestApiReference("us-east-1", "123456789012", "api123"));

    [Test]
    public void A_store_returning_a_fresh_equal_object_per_request_compiles_once()
    {
        var cache = Cache();

        var first = cache.Get(Fresh());
        for (var i = 0; i < 100; i++)
        {
            Assert.That(cache.Get(Fresh()), Is.SameAs(first));
        }

        Assert.That(cache.Compilations, Is.EqualTo(1));
    }

    [Test]
    public void Tags_in_another_order_are_the_same_value()
    {
        var cache = Cache();
        var reordered = new AccessKeyCredential("AKIDEXAMPLE", "secret", "arn:aws:iam::123456789012:user/alice")
        {
            IdentityPolicies = [Allow],
            Tags = new Dictionary<string, string> { ["level"] = "3", ["team"] = "pets" },
        };

        Assert.That(cache.Get(reordered), Is.SameAs(cache.Get(Fresh())));
    }

    [Test]
    public void A_changed_policy_or_tag_is_compiled_anew_never_served_the_old_result()
    {
        var cache = Cache();
        var allow = cache.Get(Fresh());

        var deny = cache.Get(Fresh(policy: Deny));
        var otherTeam = cache.Get(Fresh(team: "orders"));

        Assert.Multiple(() =>
        {
            Assert.That(deny, Is.Not.SameAs(allow));
            Assert.That(otherTeam, Is.Not.SameAs(allow));
            Assert.That(cache.Compilations, Is.EqualTo(3));
            Assert.That(otherTeam.CallerKeys.Select(k => k.Key), Has.Member("aws:PrincipalTag/team"));
        });
    }

    [Test]
    public void Other_principals_with_the_same_policies_are_distinct()
    {
        var cache = Cache();
        var bob = new AccessKeyCredential("AKIDEXAMPLE", "secret", "arn:aws:iam::123456789012:user/bob") { IdentityPolicies = [Allow] };
        var alice = new AccessKeyCredential("AKIDEXAMPLE", "secret", "arn:aws:iam::123456789012:user/alice") { IdentityPolicies = [Allow] };

        Assert.That(cache.Get(bob).Principal, Is.Not.EqualTo(cache.Get(alice).Principal));
    }

    [Test]
    public void Distinct_credentials_beyond_the_limit_keep_the_cache_bounded()
    {
        var cache = Cache();
        for (var i = 0; i < IdentityPolicyCache.MaximumEntries + 10; i++)
        {
            cache.Get(new AccessKeyCredential("AKID" + i, "secret", "arn:aws:iam::123456789012:user/u" + i) { IdentityPolicies = [Allow] });
        }

        Assert.That(cache.ValueEntries, Is.LessThanOrEqualTo(IdentityPolicyCache.MaximumEntries));
    }
}
