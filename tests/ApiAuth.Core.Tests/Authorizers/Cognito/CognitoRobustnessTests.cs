using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Tests.Authorizers.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace ApiAuth.Tests.Authorizers.Cognito;

/// <summary>Many threads and many mutated tokens: the authorizer never throws and never allows what it should not.</summary>
public class CognitoRobustnessTests
{
    private static readonly TestSigningKey Key = new("key-a");
    private static readonly string[] NoScopes = [];

    private static CognitoUserPoolAuthorizer Authorizer() => new(
        new CognitoUserPoolAuthorizerOptions { UserPoolId = TestJwt.PoolId, AppClientIds = [TestJwt.ClientId] },
        JwksSource.FromJson(TestJwt.Jwks(Key.Jwk())),
        new FakeTimeProvider(TestJwt.Now));

    [Test]
    public async Task Concurrent_validations_all_succeed()
    {
        var authorizer = Authorizer();
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => authorizer.AuthorizeAsync(token, NoScopes).AsTask())));

        Assert.That(outcomes.All(o => o.IsAllowed), Is.True);
    }

    [Test]
    public async Task Single_character_mutations_are_never_allowed_and_never_throw()
    {
        var authorizer = Authorizer();
        var token = TestJwt.Rs256(Key, TestJwt.IdTokenPayload());
        var random = new Random(4);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

        for (var i = 0; i < 500; i++)
        {
            var position = random.Next(token.Length);
            // The last character of a base64url segment carries padding bits that decoders may ignore; a change there
            // can decode to the same bytes, which is not a forgery.
            if (position == token.Length - 1 || token[position + 1] == '.')
            {
                continue;
            }

            var replacement = Alphabet[random.Next(Alphabet.Length)];
            if (replacement == token[position])
            {
                continue;
            }

            var mutated = string.Concat(token.AsSpan(0, position), replacement.ToString(), token.AsSpan(position + 1));
            var outcome = await authorizer.AuthorizeAsync(mutated, NoScopes);

            Assert.That(outcome.IsAllowed, Is.False, $"mutation at {position} to '{replacement}' was allowed");
            Assert.That(outcome.StatusCode, Is.EqualTo(401));
        }
    }
}
