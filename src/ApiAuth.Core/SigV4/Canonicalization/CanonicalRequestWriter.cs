namespace ApiAuth.SigV4.Canonicalization;

/// <summary>Writes the canonical request and the string to sign, the two texts both signer and verifier hash.</summary>
internal static class CanonicalRequestWriter
{
    /// <summary>
    /// Writes <c>METHOD\nURI\nQUERY\nHEADERS\n\nSIGNED-HEADERS\nPAYLOAD-HASH</c>; false when a signed header is absent.
    /// </summary>
    public static bool TryWrite(
        ref PooledByteBuffer output,
        SigV4Request request,
        ReadOnlySpan<char> signedHeaders,
        ReadOnlySpan<char> payloadHash,
        bool normalizePath,
        QueryExclusions exclusions,
        bool keepPathSubDelimiters = false)
    {
        SplitTarget(request.RawTarget, out var path, out var query);
        output.Append(request.Method);
        output.Append((byte)'\n');
        CanonicalUri.Append(ref output, path, normalizePath, keepPathSubDelimiters);
        output.Append((byte)'\n');
        CanonicalQuery.Append(ref output, query, exclusions);
        output.Append((byte)'\n');
        if (!CanonicalHeaders.TryAppend(ref output, request.Headers, signedHeaders))
        {
            return false;
        }
        output.Append((byte)'\n');
        output.Append(signedHeaders);
        output.Append((byte)'\n');
        output.Append(payloadHash);
        return true;
    }

    /// <summary>Writes <c>AWS4-HMAC-SHA256\nDATE\nSCOPE\nHEX(SHA256(canonical request))</c>.</summary>
    public static void WriteStringToSign(ref PooledByteBuffer output, ReadOnlySpan<char> amzDate, ReadOnlySpan<char> scope, ReadOnlySpan<byte> canonicalRequest)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256.Hash(canonicalRequest, hash);
        Span<byte> hex = stackalloc byte[64];
        Convert.TryToHexStringLower(hash, hex, out _);
        output.Append(SigV4Constants.Algorithm);
        output.Append((byte)'\n');
        output.Append(amzDate);
        output.Append((byte)'\n');
        output.Append(scope);
        output.Append((byte)'\n');
        output.Append(hex);
    }

    /// <summary>Splits a raw target into path and query; an absolute-form target loses its scheme and authority.</summary>
    public static void SplitTarget(string rawTarget, out ReadOnlySpan<char> path, out ReadOnlySpan<char> query)
    {
        ReadOnlySpan<char> target = rawTarget;
        // Origin-form ("/path?query"), what servers see, needs no search for a scheme.
        if (target.Length > 0 && target[0] != '/')
        {
            var schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd > 0)
            {
                var authorityStart = schemeEnd + 3;
                var pathStart = target[authorityStart..].IndexOfAny('/', '?');
                target = pathStart < 0 ? [] : target[(authorityStart + pathStart)..];
            }
        }
        var hash = target.IndexOf('#');
        if (hash >= 0)
        {
            target = target[..hash];
        }
        var question = target.IndexOf('?');
        path = question < 0 ? target : target[..question];
        query = question < 0 ? [] : target[(question + 1)..];
    }
}
