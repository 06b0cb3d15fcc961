using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace ApiAuth.Authorizers.Caching;

/// <summary>
/// The unambiguous bytes a cache entry is keyed by: the authorizer name and every identity source value, each written
/// as a kind byte, its length in chars (four bytes) and its text, so ("a,b", "c") and ("a", "b,c") can never meet.
/// </summary>
/// <remarks>
/// Tokens are almost always ASCII (JWTs, opaque keys), so an ASCII part is stored one byte per char, which halves what
/// a cache hit hashes and compares. Any other part keeps its UTF-16 code units as they are; the kind byte keeps the two
/// forms apart, and no transcoding can merge two different strings (as UTF-8 would merge lone surrogates).
/// </remarks>
internal static class CacheIdentity
{
    private const int PartHeader = 5;
    private const byte AsciiPart = 0;
    private const byte Utf16Part = 1;

    /// <summary>The most bytes <see cref="Write"/> can need for these parts.</summary>
    public static int MaxLength(string authorizerName, ReadOnlySpan<string> values)
    {
        var length = PartHeader + (2 * authorizerName.Length);
        foreach (var value in values)
        {
            length += PartHeader + (2 * value.Length);
        }

        return length;
    }

    /// <summary>The most bytes <see cref="WriteToken"/> can need.</summary>
    public static int MaxTokenLength(string authorizerName, ReadOnlySpan<char> value) => (2 * PartHeader) + (2 * (authorizerName.Length + value.Length));

    /// <summary>Writes the identity of one value (a token) into <paramref name="destination"/>; the same bytes as for a one-element list.</summary>
    /// <returns>The number of bytes written.</returns>
    public static int WriteToken(string authorizerName, ReadOnlySpan<char> value, Span<byte> destination)
    {
        var position = WritePart(authorizerName, destination);
        return position + WritePart(value, destination[position..]);
    }

    /// <summary>Writes the identity into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Write(string authorizerName, ReadOnlySpan<string> values, Span<byte> destination)
    {
        var position = WritePart(authorizerName, destination);
        foreach (var value in values)
        {
            position += WritePart(value, destination[position..]);
        }

        return position;
    }

    public static byte[] Create(string authorizerName, ReadOnlySpan<string> values)
    {
        var buffer = new byte[MaxLength(authorizerName, values)];
        return buffer.AsSpan(0, Write(authorizerName, values, buffer)).ToArray();
    }

    public static byte[] CreateForToken(string authorizerName, ReadOnlySpan<char> value)
    {
        var buffer = new byte[MaxTokenLength(authorizerName, value)];
        return buffer.AsSpan(0, WriteToken(authorizerName, value, buffer)).ToArray();
    }

    private static int WritePart(ReadOnlySpan<char> part, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], part.Length);
        var text = destination[PartHeader..];
        if (Ascii.FromUtf16(part, text, out var written) == OperationStatus.Done)
        {
            destination[0] = AsciiPart;
            return PartHeader + written;
        }

        destination[0] = Utf16Part;
        var units = MemoryMarshal.AsBytes(part);
        units.CopyTo(text);
        return PartHeader + units.Length;
    }
}
