using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Tests.Authorizers.Custom;

public class IdentitySourceTests
{
    [TestCase("method.request.header.Authorization", nameof(IdentitySourceKind.Header), "Authorization")]
    [TestCase("method.request.querystring.key", nameof(IdentitySourceKind.QueryString), "key")]
    [TestCase("stageVariables.tenant", nameof(IdentitySourceKind.StageVariable), "tenant")]
    [TestCase("context.identity.sourceIp", nameof(IdentitySourceKind.Context), "identity.sourceIp")]
    [TestCase("  method.request.header.X-Tenant ", nameof(IdentitySourceKind.Header), "X-Tenant")]
    public void Parse_reads_each_mapping_expression(string expression, string kind, string name)
    {
        var source = IdentitySource.Parse(expression);

        Assert.That(source.Kind.ToString(), Is.EqualTo(kind));
        Assert.That(source.Name, Is.EqualTo(name));
    }

    [TestCase("")]
    [TestCase("method.request.header.")]
    [TestCase("method.request.path.id")]
    [TestCase("header.Authorization")]
    [TestCase("method.request.header.Bad Name")]
    [TestCase("Method.Request.Header.Authorization")]
    public void Parse_rejects_expressions_API_Gateway_refuses(string expression)
    {
        Assert.That(() => IdentitySource.Parse(expression), Throws.ArgumentException);
    }

    [Test]
    public void ParseList_splits_on_commas_in_order()
    {
        var sources = IdentitySource.ParseList("method.request.header.X-Tenant, method.request.querystring.key,stageVariables.s");

        Assert.That(sources.Select(s => s.Expression), Is.EqualTo(new[] { "method.request.header.X-Tenant", "method.request.querystring.key", "stageVariables.s" }));
    }

    [Test]
    public void ParseList_rejects_a_header_listed_twice_in_different_case()
    {
        Assert.That(() => IdentitySource.ParseList("method.request.header.X-Tenant,method.request.header.x-tenant"), Throws.ArgumentException);
    }

    [Test]
    public void Query_string_names_are_case_sensitive_so_both_cases_may_be_listed()
    {
        Assert.That(IdentitySource.ParseList("method.request.querystring.key,method.request.querystring.KEY"), Has.Count.EqualTo(2));
    }
}
