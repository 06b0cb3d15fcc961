using System.Security.Cryptography;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>SHA-256 through one reusable hash object per thread, which skips setting up a context per call.</summary>
internal static class Sha256
{
    [ThreadStatic]
    private static IncrementalHash? t_hash;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = t_hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }
}
