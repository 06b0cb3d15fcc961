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
}
