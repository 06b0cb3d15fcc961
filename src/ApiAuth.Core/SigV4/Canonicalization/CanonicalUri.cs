using System.Buffers;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>
/// The canonical URI of a non-S3 service: the raw wire path, dot segments and repeated slashes removed (when
/// normalising), then URI-encoded once more, so <c>/a%20b</c> is signed as <c>/a%2520b</c>.
/// </summary>
internal static class CanonicalUri
{
    public static void Append(ref PooledByteBuffer output, ReadOnlySpan<char> rawPath, bool normalize)
    {
        if (rawPath.IsEmpty)
        {
            output.Append((byte)'/');
            return;
        }
        if (!normalize)
        {
            UriEncoding.AppendEncoded(ref output, rawPath, keepSlash: true);
            return;
        }
        AppendNormalized(ref output, rawPath);
    }

    // RFC 3986 §5.2.4 dot-segment removal plus collapsing empty segments, as botocore and aws-c-auth do.
    private static void AppendNormalized(ref PooledByteBuffer output, ReadOnlySpan<char> path)
    {
        var segmentCount = path.Count('/') + 1;
        var starts = ArrayPool<int>.Shared.Rent(segmentCount);
        var lengths = ArrayPool<int>.Shared.Rent(segmentCount);
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
                UriEncoding.AppendEncoded(ref output, path.Slice(starts[i], lengths[i]), keepSlash: false);
            }
            if (kept > 0 && path[^1] == '/')
            {
                output.Append((byte)'/');
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }
}
