using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Tests.Authorizers.TestSupport;

namespace ApiAuth.Tests.Authorizers.Cognito;

public class CognitoUserPoolAuthorizerTests
{
    private static readonly JwksSource NoKeys = JwksSource.FromJson("""{"keys":[]}""");

    private static CognitoUserPoolAuthorizer Create(string? region, string poolId, params string[] clients) =>
        new(new CognitoUserPoolAuthorizerOptions { Region = region, UserPoolId = poolId, AppClientIds = clients }, NoKeys, TimeProvider.System);

    [Test]
    public void Issuer_is_built_from_region_and_pool()
    {
        Assert.That(Create("eu-west-1", "eu-west-1_Abc123", "c").Issuer, Is.EqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc123"));
    }

    [Test]
    public void Jwks_uri_is_the_pools_well_known_document()
    {
        Assert.That(
            CognitoUserPoolAuthorizer.JwksUriFor("us-east-1_Abc123").ToString(),
            Is.EqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123/.well-known/jwks.json"));
    }

    [TestCase(null, "us-east-1")]
    [TestCase(null, "_abc")]
    [TestCase("US-EAST-1", "US-EAST-1_abc")]
    [TestCase("us-east-1", "eu-west-1_abc")]
    [TestCase("us-east-1", "us-east-1_")]
    [TestCase("us-east-1", "us-east-1_a/b")]
    [TestCase("us-east-1/..", "us-east-1/.._abc")]
    public void Invalid_region_or_pool_is_refused(string? region, string poolId)
    {
        Assert.That(() => Create(region, poolId, "c"), Throws.ArgumentException);
    }

    [Test]
    public void Region_is_taken_from_the_pool_id_when_not_given()
    {
        Assert.That(Create(null, "ap-southeast-2_Xyz9", "c").Issuer, Is.EqualTo("https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Xyz9"));
    }

    [Test]
    public void App_client_ids_are_required()
    {
        Assert.That(() => Create("us-east-1", "us-east-1_Abc"), Throws.ArgumentException);
        Assert.That(() => Create("us-east-1", "us-east-1_Abc", " "), Throws.ArgumentException);
    }

    [Test]
    public void Pool_id_fixture_matches_the_test_issuer()
    {
        Assert.That(Create(TestJwt.Region, TestJwt.PoolId, TestJwt.ClientId).Issuer, Is.EqualTo(TestJwt.Issuer));
    }
}
