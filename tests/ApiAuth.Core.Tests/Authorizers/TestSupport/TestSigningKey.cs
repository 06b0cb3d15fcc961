using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>An RSA key pair with a kid, for minting test tokens and publishing JWKS documents.</summary>
internal sealed class TestSigningKey : IDisposable
{
    public TestSigningKey(string kid)
    {
        Kid = kid;
        Rsa = RSA.Create(2048);
    }

    public string Kid { get; }

    public RSA Rsa { get; }

    public Dictionary<string, object?> Jwk(string? alg = "RS256", string? use = "sig", string kty = "RSA")
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object?>
        {
            ["kid"] = Kid,
            ["kty"] = kty,
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
        };
        if (alg is not null)
        {
            jwk["alg"] = alg;
        }

        if (use is not null)
        {
            jwk["use"] = use;
        }

        return jwk;
    }

    public byte[] SignRs256(byte[] data) => Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public byte[] SignRs384(byte[] data) => Rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);

    public void Dispose() => Rsa.Dispose();
}
