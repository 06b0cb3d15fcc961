using Microsoft.Extensions.Primitives;

namespace ApiAuth.AspNetCore.Http;

/// <summary>
/// Reads an identifier a trusted proxy puts in a header (the VPC endpoint id, the VPC id). Absent means the proxy
/// says nothing; present, it must be one value of letters, digits and hyphens (as <c>vpce-0123abcd</c>), or it is
/// unreadable: a repeated header or a list could be a client's value beside the proxy's, and which one a policy
/// would see is a guess (DESIGN §6: reject ambiguity rather than guess).
/// </summary>
internal static class TrustedHeaderValue
{
    private const int MaxLength = 128;

    public static bool TryRead(StringValues values, out string? value)
    {
        value = null;
        if (values.Count == 0)
        {
            return true;
        }
        var text = values.Count == 1 ? (values[0] ?? "").AsSpan().Trim(" \t") : [];
        if (text.IsEmpty || text.Length > MaxLength || text.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"))
        {
            return false;
        }
        value = text.ToString();
        return true;
    }
}
