using System.Buffers;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>
/// The canonical URI of a non-S3 service: the raw wire path, dot segments and repeated slashes removed (when
/// normalising), then URI-encoded once more, so <c>/a%20b</c> is signed as <c>/a%2520b</c>.
/// </summary>
internal static class CanonicalUri
{
    /// <summary>
    /// Appends the canonical URI. With <paramref name="keepSubDelimiters"/>, RFC 3986 sub-delimiters stay as they
    /// are: the AWS SDK for .NET signs <c>/pets/*</c> as <c>/pets/*</c> where botocore signs <c>/pets/%2A</c>.
    /// </summary>
    public static void Append(ref PooledByteBuffer output, ReadOnlySpan<char> rawPath, bool normalize, bool keepSubDelimiters = false)
    {
        if (rawPath.IsEmpty)
        {
            output.Append((byte)'/');
            return;
        }
        // Without dot segments or repeated slashes, normalising changes nothing (the usual API path).
        if (!normalize || (rawPath[0] != '.' && !rawPath.Contains("/.", StringComparison.Ordinal) && !rawPath.Contains("//", StringComparison.Ordinal)))
        {
            UriEncoding.AppendEncoded(ref output, rawPath, keepSlash: true, keepSubDelimiters);
            return;
        }
        AppendNormalized(ref output, rawPath, keepSubDelimiters);
    }

    /// <summary>True when the path holds a sub-delimiter, so the SDK-style canonical URI differs from the strict one.</summary>
    public static bool HasSubDelimiter(ReadOnlySpan<char> rawPath)
    {
        foreach (var c in rawPath)
        {
            if (UriEncoding.IsSubDelimiter(c))
            {
                return true;
            }
        }
        return false;
    }

    // RFC 3986 §5.2.4 dot-segment removal plus collapsing empty segments, as botocore and aws-c-auth do.
    private static void AppendNormalized(ref PooledByteBuffer output, ReadOnlySpan<char> path, bool keepSubDelimiters)
    {
        var segmentCount = path.Count('/') + 1;
        var rentedStarts = segmentCount > 64 ? ArrayPool<int>.Shared.Rent(segmentCount) : null;
        var rentedLengths = segmentCount > 64 ? ArrayPool<int>.Shared.Rent(segmentCount) : null;
        var starts = rentedStarts ?? stackalloc int[64];
        var lengths = rentedLengths ?? stackalloc int[64];
        try
        {
            var kept = 0;
            var position = 0;
            while (position <= path.Length)
            {
                var next = path[position..].IndexOf('/');
                var length = next < 0 ? path.Length - position : next;
                var segment = path.Slice(position, length);
                if (segment.Length > 0 && !segment.SequenceEqual("."))
                {
                    if (segment.SequenceEqual(".."))
                    {
                        if (kept > 0)
                        {
                            kept--;
                        }
                    }
                    else
                    {
                        starts[kept] = position;
                        lengths[kept] = length;
                        kept++;
                    }
                }
                position += length + 1;
            }

            if (path[0] == '/' || kept == 0)
            {
                output.Append((byte)'/');
            }
            for (var i = 0; i < kept; i++)
            {
                if (i > 0)
                {
                    output.Append((byte)'/');
                }
                UriEncoding.AppendEncoded(ref output, path.Slice(starts[i], lengths[i]), keepSlash: false, keepSubDelimiters);
            }
            if (kept > 0 && path[^1] == '/')
            {
                output.Append((byte)'/');
            }
        }
        finally
        {
            if (rentedStarts is not null)
            {
                ArrayPool<int>.Shared.Return(rentedStarts);
                ArrayPool<int>.Shared.Return(rentedLengths!);
            }
        }
    }
}
