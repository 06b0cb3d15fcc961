using System.Buffers;

namespace ApiAuth.Authorizers.Caching;

/// <summary>
/// The unambiguous text a cache entry is keyed by: the authorizer name and every identity source value, each written
/// as its length (two chars) followed by its chars, so ("a,b", "c") and ("a", "b,c") can never meet.
/// </summary>
internal static class CacheIdentity
{
    public static int Length(string authorizerName, ReadOnlySpan<string> values)
    {
        var length = 2 + authorizerName.Length;
        foreach (var value in values)
        {
            length += 2 + value.Length;
        }

        return length;
    }

    public static void Write(string authorizerName, ReadOnlySpan<string> values, Span<char> destination)
    {
        var position = WritePart(authorizerName, destination);
        foreach (var value in values)
        {
            position += WritePart(value, destination[position..]);
        }
    }

    public static string Create(string authorizerName, ReadOnlySpan<string> values)
    {
        var length = Length(authorizerName, values);
        var rented = ArrayPool<char>.Shared.Rent(length);
        try
        {
            Write(authorizerName, values, rented);
            return new string(rented, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static int WritePart(string part, Span<char> destination)
    {
        destination[0] = (char)(part.Length >> 16);
        destination[1] = (char)part.Length;
        part.CopyTo(destination[2..]);
        return 2 + part.Length;
    }
}
