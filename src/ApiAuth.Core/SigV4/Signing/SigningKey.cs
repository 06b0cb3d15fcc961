using System.Security.Cryptography;
using System.Text;

namespace ApiAuth.SigV4.Signing;

/// <summary>Derives the SigV4 signing key: HMAC chain over date, region, service and <c>aws4_request</c>.</summary>
internal static class SigningKey
{
    public static void Derive(string secretAccessKey, ReadOnlySpan<char> date, ReadOnlySpan<char> region, ReadOnlySpan<char> service, Span<byte> destination)
    {
        var secretLength = Encoding.UTF8.GetByteCount(secretAccessKey) + 4;
        var secret = secretLength <= 256 ? stackalloc byte[secretLength] : new byte[secretLength];
        "AWS4"u8.CopyTo(secret);
        Encoding.UTF8.GetBytes(secretAccessKey, secret[4..]);

        Span<byte> key = stackalloc byte[32];
        Span<byte> text = stackalloc byte[Math.Max(date.Length, Math.Max(region.Length, service.Length)) * 3];
        HMACSHA256.HashData(secret, Utf8(date, text), key);
        HMACSHA256.HashData(key, Utf8(region, text), key);
        HMACSHA256.HashData(key, Utf8(service, text), key);
        HMACSHA256.HashData(key, "aws4_request"u8, destination);
        CryptographicOperations.ZeroMemory(secret);
        CryptographicOperations.ZeroMemory(key);
    }

    private static ReadOnlySpan<byte> Utf8(ReadOnlySpan<char> value, Span<byte> buffer) =>
        buffer[..Encoding.UTF8.GetBytes(value, buffer)];
}
