using System.Runtime.InteropServices;

namespace ApiAuth.SigV4;

/// <summary>Lookups over header lines kept as received (a name may repeat; names compare case-insensitively).</summary>
internal static class HeaderLines
{
    /// <summary>The first value of the named header, or null.</summary>
    public static string? First(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return headers[i].Value;
            }
        }
        return null;
    }

    /// <summary>How many times the named header appears.</summary>
    public static int Count(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        var count = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// The lines as a span when the list is a <see cref="List{T}"/> or an array (what the adapters and tests build),
    /// which spares an interface call per line on the verifier's hot loops; false for other lists.
    /// </summary>
    public static bool TryGetSpan(IReadOnlyList<KeyValuePair<string, string>> headers, out ReadOnlySpan<KeyValuePair<string, string>> span)
    {
        switch (headers)
        {
            case List<KeyValuePair<string, string>> list:
                span = CollectionsMarshal.AsSpan(list);
                return true;
            case KeyValuePair<string, string>[] array:
                span = array;
                return true;
            default:
                span = default;
                return false;
        }
    }
}
