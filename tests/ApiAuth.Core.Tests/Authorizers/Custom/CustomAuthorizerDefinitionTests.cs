using ApiAuth.Authorizers.Custom;

namespace ApiAuth.Tests.Authorizers.Custom;

public class CustomAuthorizerDefinitionTests
{
    [Test]
    public void Token_defaults_match_API_Gateway()
    {
        var definition = CustomAuthorizerDefinition.Token("auth");

        Assert.That(definition.Type, Is.EqualTo(CustomAuthorizerType.Token));
        Assert.That(definition.IdentitySources.Single().Expression, Is.EqualTo("method.request.header.Authorization"));
        Assert.That(definition.ResultTtl, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(definition.ValidationExpression, Is.Null);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3600)]
    public void Ttl_between_0_and_3600_is_accepted(int seconds)
    {
        Assert.That(CustomAuthorizerDefinition.Token("auth", resultTtlInSeconds: seconds).ResultTtl, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(-1)]
    [TestCase(3601)]
    public void Ttl_outside_0_to_3600_is_refused(int seconds)
    {
        Assert.That(() => CustomAuthorizerDefinition.Token("auth", resultTtlInSeconds: seconds), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => CustomAuthorizerDefinition.Request("auth", "method.request.header.A", seconds), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Token_authorizer_must_read_a_header()
    {
        Assert.That(() => CustomAuthorizerDefinition.Token("auth", "method.request.querystring.token"), Throws.ArgumentException);
    }

    [Test]
    public void Invalid_validation_expression_is_refused_at_configuration_time()
    {
        Assert.That(() => CustomAuthorizerDefinition.Token("auth", validationExpression: "(unclosed"), Throws.ArgumentException);
    }

    [Test]
    public void Validation_expression_has_a_match_timeout_and_is_anchored()
    {
        var regex = CustomAuthorizerDefinition.Token("auth", validationExpression: "Bearer [a-z]+").ValidationExpression!;

        Assert.That(regex.MatchTimeout, Is.EqualTo(CustomAuthorizerDefinition.ValidationExpressionTimeout));
        Assert.That(regex.IsMatch("Bearer abc"), Is.True);
        Assert.That(regex.IsMatch("xBearer abc"), Is.False);
        Assert.That(regex.IsMatch("Bearer abc1"), Is.False);
    }

    [Test]
    public void Request_authorizer_with_cache_needs_identity_sources()
    {
        Assert.That(() => CustomAuthorizerDefinition.Request("auth", "", 300), Throws.ArgumentException);
        Assert.That(CustomAuthorizerDefinition.Request("auth", "", 0).IdentitySources, Is.Empty);
    }

    [Test]
    public void Timeout_must_be_positive()
    {
        Assert.That(() => CustomAuthorizerDefinition.Token("auth", timeout: TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
