using System.Buffers;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>Strict parsing of the lower-case hex SigV4 uses (upper-case digits are refused).</summary>
internal static class Hex
{
    private static readonly SearchValues<char> LowerDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>Parses exactly <c>2 * destination.Length</c> lower-case hex digits.</summary>
    public static bool TryParseLower(ReadOnlySpan<char> text, Span<byte> destination) =>
        text.Length == destination.Length * 2
        && !text.ContainsAnyExcept(LowerDigits)
        && Convert.FromHexString(text, destination, out _, out _) == OperationStatus.Done;
}
