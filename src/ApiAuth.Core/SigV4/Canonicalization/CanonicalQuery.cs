using System.Buffers;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>
/// The canonical query string: each parameter decoded and encoded again, sorted by encoded name then value,
/// joined with '&amp;'. A parameter without '=' gets an empty value.
/// </summary>
internal static class CanonicalQuery
{
    public static void Append(ref PooledByteBuffer output, ReadOnlySpan<char> rawQuery, QueryExclusions exclusions)
    {
        if (rawQuery.IsEmpty)
        {
            return;
        }
        var maxParameters = rawQuery.Count('&') + 1;
        var parameters = ArrayPool<QueryParameter>.Shared.Rent(maxParameters);
        var scratch = new PooledByteBuffer(rawQuery.Length * 3);
        try
        {
            var count = 0;
            foreach (var range in rawQuery.Split('&'))
            {
                var pair = rawQuery[range];
                if (pair.IsEmpty)
                {
                    continue;
                }
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? [] : pair[(equals + 1)..];
                if (exclusions != QueryExclusions.None && IsExcluded(name, exclusions))
                {
                    continue;
                }
                var nameStart = scratch.Length;
                UriEncoding.AppendDecodedThenEncoded(ref scratch, name);
                var valueStart = scratch.Length;
                UriEncoding.AppendDecodedThenEncoded(ref scratch, value);
                parameters[count++] = new QueryParameter(nameStart, valueStart - nameStart, valueStart, scratch.Length - valueStart);
            }

            Sort(parameters.AsSpan(0, count), new QueryParameterComparer(scratch.UnderlyingArray));
            var written = scratch.Written;
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    output.Append((byte)'&');
                }
                var parameter = parameters[i];
                output.Append(written.Slice(parameter.NameStart, parameter.NameLength));
                output.Append((byte)'=');
                output.Append(written.Slice(parameter.ValueStart, parameter.ValueLength));
            }
        }
        finally
        {
            scratch.Dispose();
            ArrayPool<QueryParameter>.Shared.Return(parameters);
        }
    }

    // Insertion sort for the usual handful of parameters: Span.Sort boxes the comparer, this allocates nothing.
    private static void Sort(Span<QueryParameter> parameters, QueryParameterComparer comparer)
    {
        if (parameters.Length > 16)
        {
            parameters.Sort(comparer);
            return;
        }
        for (var i = 1; i < parameters.Length; i++)
        {
            var current = parameters[i];
            var j = i - 1;
            while (j >= 0 && comparer.Compare(parameters[j], current) > 0)
            {
                parameters[j + 1] = parameters[j];
                j--;
            }
            parameters[j + 1] = current;
        }
    }

    private static bool IsExcluded(ReadOnlySpan<char> rawName, QueryExclusions exclusions)
    {
        Span<char> decoded = stackalloc char[32];
        if (!UriEncoding.TryDecodeAscii(rawName, decoded, out var length))
        {
            return false;
        }
        var name = decoded[..length];
        return ((exclusions & QueryExclusions.Signature) != 0 && name.SequenceEqual(SigV4Constants.QuerySignature))
            || ((exclusions & QueryExclusions.SecurityToken) != 0 && name.SequenceEqual(SigV4Constants.QuerySecurityToken));
    }

    private readonly record struct QueryParameter(int NameStart, int NameLength, int ValueStart, int ValueLength);

    // A struct comparer keeps the generic Sort free of allocations.
    private readonly struct QueryParameterComparer(byte[] text) : IComparer<QueryParameter>
    {
        public int Compare(QueryParameter x, QueryParameter y)
        {
            var byName = text.AsSpan(x.NameStart, x.NameLength).SequenceCompareTo(text.AsSpan(y.NameStart, y.NameLength));
            return byName != 0
                ? byName
                : text.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(text.AsSpan(y.ValueStart, y.ValueLength));
        }
    }
}

/// <summary>Query parameters left out of the canonical query.</summary>
[Flags]
internal enum QueryExclusions
{
    None = 0,

    /// <summary><c>X-Amz-Signature</c>, which a presigned URL cannot sign.</summary>
    Signature = 1,

    /// <summary><c>X-Amz-Security-Token</c>, for clients that append the token after signing.</summary>
    SecurityToken = 2,
}
