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
        // A typical query's parameters and their re-encoded text fit on the stack; a long one rents.
        var maxParameters = rawQuery.Count('&') + 1;
        var rented = maxParameters > 16 ? ArrayPool<QueryParameter>.Shared.Rent(maxParameters) : null;
        var parameters = rented is null ? stackalloc QueryParameter[16] : rented.AsSpan();
        var scratch = rawQuery.Length <= 170 ? new PooledByteBuffer(stackalloc byte[512]) : new PooledByteBuffer(rawQuery.Length * 3);
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

            var written = scratch.Written;
            Sort(parameters[..count], written);
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
            if (rented is not null)
            {
                ArrayPool<QueryParameter>.Shared.Return(rented);
            }
        }
    }

    // Insertion sort for the usual handful of parameters, heap sort beyond: both in place, allocation-free, and
    // comparing over the scratch text (parameters equal by name and value are equal bytes, so stability is moot).
    private static void Sort(Span<QueryParameter> parameters, ReadOnlySpan<byte> text)
    {
        if (parameters.Length <= 16)
        {
            for (var i = 1; i < parameters.Length; i++)
            {
                var current = parameters[i];
                var j = i - 1;
                while (j >= 0 && Compare(parameters[j], current, text) > 0)
                {
                    parameters[j + 1] = parameters[j];
                    j--;
                }
                parameters[j + 1] = current;
            }
            return;
        }
        for (var i = (parameters.Length / 2) - 1; i >= 0; i--)
        {
            SiftDown(parameters, i, parameters.Length, text);
        }
        for (var end = parameters.Length - 1; end > 0; end--)
        {
            (parameters[0], parameters[end]) = (parameters[end], parameters[0]);
            SiftDown(parameters, 0, end, text);
        }
    }

    private static void SiftDown(Span<QueryParameter> heap, int root, int length, ReadOnlySpan<byte> text)
    {
        while (true)
        {
            var child = (2 * root) + 1;
            if (child >= length)
            {
                return;
            }
            if (child + 1 < length && Compare(heap[child + 1], heap[child], text) > 0)
            {
                child++;
            }
            if (Compare(heap[root], heap[child], text) >= 0)
            {
                return;
            }
            (heap[root], heap[child]) = (heap[child], heap[root]);
            root = child;
        }
    }

    private static int Compare(QueryParameter x, QueryParameter y, ReadOnlySpan<byte> text)
    {
        var byName = text.Slice(x.NameStart, x.NameLength).SequenceCompareTo(text.Slice(y.NameStart, y.NameLength));
        return byName != 0 ? byName : text.Slice(x.ValueStart, x.ValueLength).SequenceCompareTo(text.Slice(y.ValueStart, y.ValueLength));
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
