using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Authorizers.Jwt;

namespace ApiAuth.Testing;

/// <summary>
/// A test user pool with its own RSA key: mints Cognito-shaped id and access tokens for the app's
/// <c>COGNITO_USER_POOLS</c> and <c>JWT</c> authorizers. Issuer, audience or <c>client_id</c> come from the named
/// authorizer's configuration, so tokens are checked exactly as in production; only the signing key is the kit's,
/// and only an app with <c>AddApiAuthTestKit</c> trusts it.
/// </summary>
public sealed class TestUserPool : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly ApiAuthTestKit _kit;

    internal TestUserPool(ApiAuthTestKit kit)
    {
        _kit = kit;
        KeyId = "apiauth-testkit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        Jwks = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kid = KeyId, kty = "RSA", alg = "RS256", use = "sig", e = Base64Url.EncodeToString(parameters.Exponent), n = Base64Url.EncodeToString(parameters.Modulus) },
            },
        });
        SigningKeys = JwksSource.FromJson(Jwks);
    }

    /// <summary>The <c>kid</c> of the pool's key (random per kit).</summary>
    public string KeyId { get; }

    /// <summary>The pool's public key set, as a JWKS document.</summary>
    public string Jwks { get; }

    internal JwksSource SigningKeys { get; }

    /// <summary>
    /// An id token (<c>token_use=id</c>, <c>aud</c> = the authorizer's first app client or audience), valid for an
    /// hour, for methods without scopes.
    /// </summary>
    /// <param name="authorizerName">The app's <c>COGNITO_USER_POOLS</c> or <c>JWT</c> authorizer.</param>
    /// <param name="username">The user: <c>cognito:username</c>, and a stable <c>sub</c> derived from it.</param>
    /// <param name="groups"><c>cognito:groups</c>, if any.</param>
    /// <param name="claims">More claims; they replace the defaults of the same name.</param>
    /// <param name="faults">What to get wrong, for tokens the app must refuse.</param>
    /// <returns>The token, for the <c>Authorization</c> header.</returns>
    /// <exception cref="InvalidOperationException">The app under test has not started with <c>AddApiAuthTestKit(kit)</c> yet.</exception>
    /// <exception cref="ArgumentException">The app has no such token authorizer.</exception>
    public string IdToken(string authorizerName, string username, IEnumerable<string>? groups = null, IDictionary<string, object>? claims = null, TokenFaults faults = TokenFaults.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        var (issuer, audience) = Authorizer(authorizerName);
        var payload = new Dictionary<string, object>
        {
            ["sub"] = SubjectOf(username),
            ["aud"] = faults.HasFlag(TokenFaults.WrongAudience) ? WrongAudience : audience,
            ["token_use"] = faults.HasFlag(TokenFaults.WrongTokenUse) ? "access" : "id",
            ["cognito:username"] = username,
        };
        return Mint(issuer, payload, groups, claims, faults);
    }

    /// <summary>
    /// An access token (<c>token_use=access</c>, <c>client_id</c> = the authorizer's first app client or audience,
    /// <c>scope</c> = <paramref name="scopes"/>), valid for an hour, for methods with scopes.
    /// </summary>
    /// <param name="authorizerName">The app's <c>COGNITO_USER_POOLS</c> or <c>JWT</c> authorizer.</param>
    /// <param name="scopes">The token's scopes, e.g. <c>["orders/read"]</c>.</param>
    /// <param name="username">The user: <c>username</c>, and a stable <c>sub</c> derived from it.</param>
    /// <param name="groups"><c>cognito:groups</c>, if any.</param>
    /// <param name="claims">More claims; they replace the defaults of the same name.</param>
    /// <param name="faults">What to get wrong, for tokens the app must refuse.</param>
    /// <returns>The token, for the <c>Authorization</c> header.</returns>
    /// <exception cref="InvalidOperationException">The app under test has not started with <c>AddApiAuthTestKit(kit)</c> yet.</exception>
    /// <exception cref="ArgumentException">The app has no such token authorizer.</exception>
    public string AccessToken(string authorizerName, IEnumerable<string> scopes, string username = "test-user", IEnumerable<string>? groups = null,
        IDictionary<string, object>? claims = null, TokenFaults faults = TokenFaults.None)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentException.ThrowIfNullOrEmpty(username);
        var (issuer, audience) = Authorizer(authorizerName);
        var payload = new Dictionary<string, object>
        {
            ["sub"] = SubjectOf(username),
            ["client_id"] = faults.HasFlag(TokenFaults.WrongAudience) ? WrongAudience : audience,
            ["token_use"] = faults.HasFlag(TokenFaults.WrongTokenUse) ? "id" : "access",
            ["scope"] = string.Join(' ', scopes),
            ["username"] = username,
        };
        return Mint(issuer, payload, groups, claims, faults);
    }

    /// <summary>The <c>sub</c> the pool gives <paramref name="username"/>: a GUID derived from it, the same in every kit.</summary>
    /// <param name="username">The user.</param>
    /// <returns>The subject, which the app sees as the caller's <c>principalId</c>.</returns>
    public static string SubjectOf(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(username)).AsSpan(0, 16)).ToString();
    }

    /// <summary>Disposes the pool's key.</summary>
    public void Dispose() => _key.Dispose();

    private const string WrongAudience = "apiauth-testkit-wrong-audience";

    private (string Issuer, string Audience) Authorizer(string authorizerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorizerName);
        var options = _kit.AttachedOptions ?? throw new InvalidOperationException(
            "The test kit has not seen the app yet: register it with services.AddApiAuthTestKit(kit) (e.g. in ConfigureTestServices) and start the app (factory.CreateClient(), factory.Server) before minting tokens.");
        var token = options.Authorizers
            .Where(a => a.Value.Type.ToUpperInvariant() is "COGNITO_USER_POOLS" or "JWT")
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        if (!token.TryGetValue(authorizerName, out var authorizer))
        {
            throw new ArgumentException(
                $"The app has no COGNITO_USER_POOLS or JWT authorizer named '{authorizerName}' (it has: {(token.Count == 0 ? "none" : string.Join(", ", token.Keys))}).",
                nameof(authorizerName));
        }
        return IssuerAndAudience(authorizer);
    }

    private static (string Issuer, string Audience) IssuerAndAudience(AuthorizerOptions authorizer)
    {
        if (authorizer.Type.Equals("JWT", StringComparison.OrdinalIgnoreCase))
        {
            return (authorizer.Issuer!, authorizer.Audiences[0]);
        }
        var poolId = authorizer.UserPoolId!;
        var region = poolId[..poolId.IndexOf('_', StringComparison.Ordinal)];
        return ($"https://cognito-idp.{region}.amazonaws.com/{poolId}", authorizer.AppClientIds[0]);
    }

    private string Mint(string issuer, Dictionary<string, object> payload, IEnumerable<string>? groups, IDictionary<string, object>? claims, TokenFaults faults)
    {
        var now = _kit.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var issuedAt = faults.HasFlag(TokenFaults.Expired) ? now - 7200 : faults.HasFlag(TokenFaults.NotYetValid) ? now + 3600 : now;
        payload["iss"] = faults.HasFlag(TokenFaults.WrongIssuer) ? "https://issuer.invalid/apiauth-testkit" : issuer;
        payload["auth_time"] = issuedAt;
        payload["iat"] = issuedAt;
        payload["exp"] = issuedAt + 3600;
        if (faults.HasFlag(TokenFaults.NotYetValid))
        {
            payload["nbf"] = issuedAt;
        }
        payload["jti"] = Guid.NewGuid().ToString();
        if (groups?.ToArray() is { Length: > 0 } groupList)
        {
            payload["cognito:groups"] = groupList;
        }
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }

        var header = new Dictionary<string, object> { ["kid"] = faults.HasFlag(TokenFaults.UnknownKeyId) ? "apiauth-testkit-unknown-kid" : KeyId, ["alg"] = "RS256", ["typ"] = "JWT" };
        var signingInput = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (faults.HasFlag(TokenFaults.BadSignature))
        {
            signature[^1] ^= 0x01;
        }
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
