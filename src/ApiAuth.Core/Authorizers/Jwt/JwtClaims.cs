using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>Turns a validated token's payload into what the application sees, as API Gateway's <c>claims</c> map.</summary>
internal static class JwtClaims
{
    /// <summary>
    /// The token's claims, read once: <see cref="JsonWebToken.Claims"/> builds new <see cref="Claim"/> objects on every
    /// access, so a validation that needs claims, groups and scopes reads them through this list.
    /// </summary>
    public static List<Claim> List(JsonWebToken jwt) => [.. jwt.Claims];

    /// <summary>Each claim as text; a claim holding several values (e.g. <c>cognito:groups</c>) as a JSON array.</summary>
    public static IReadOnlyDictionary<string, string> Read(List<Claim> claims)
    {
        // A plain dictionary: built once per validated token, where freezing costs more than the few lookups save.
        var values = new Dictionary<string, string>(claims.Count, StringComparer.Ordinal);
        Dictionary<string, List<string>>? repeated = null;
        foreach (var claim in claims)
        {
            if (repeated is not null && repeated.TryGetValue(claim.Type, out var list))
            {
                list.Add(claim.Value);
            }
            else if (values.TryGetValue(claim.Type, out var first))
            {
                repeated ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                repeated[claim.Type] = [first, claim.Value];
            }
            else
            {
                values[claim.Type] = claim.Value;
            }
        }

        if (repeated is not null)
        {
            foreach (var (type, list) in repeated)
            {
                values[type] = JsonSerializer.Serialize(list);
            }
        }

        return values;
    }

    /// <summary>The values of a claim, as they are (e.g. <c>cognito:groups</c>).</summary>
    public static string[] All(List<Claim> claims, string claimType)
    {
        var values = new List<string>();
        foreach (var claim in claims)
        {
            if (string.Equals(claim.Type, claimType, StringComparison.Ordinal))
            {
                values.Add(claim.Value);
            }
        }

        return [.. values];
    }

    /// <summary>The values of a claim, each split on spaces (<c>scope</c> is one space-separated string; <c>scp</c> may be an array).</summary>
    public static string[] Values(List<Claim> claims, string claimType)
    {
        var values = new List<string>();
        foreach (var claim in claims)
        {
            if (string.Equals(claim.Type, claimType, StringComparison.Ordinal))
            {
                values.AddRange(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return [.. values];
    }

    /// <summary>A string claim, or null.</summary>
    public static string? String(JsonWebToken jwt, string claimType) =>
        jwt.TryGetPayloadValue<string>(claimType, out var value) ? value : null;

    /// <summary>Whether the token holds any of the required scopes (loops, not LINQ: a cache hit runs this).</summary>
    public static bool HasAnyScope(string[] tokenScopes, IReadOnlyList<string> requiredScopes)
    {
        foreach (var scope in tokenScopes)
        {
            for (var i = 0; i < requiredScopes.Count; i++)
            {
                if (string.Equals(scope, requiredScopes[i], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The token from an <c>Authorization</c> header value. API Gateway's JWT authorizers take the bare token or
    /// <c>Bearer {token}</c>; the prefix is removed when present.
    /// </summary>
    public static string? StripBearer(string? headerValue) =>
        headerValue is not null && headerValue.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? headerValue[7..].Trim()
            : headerValue;

    /// <summary>The same token as <see cref="StripBearer"/>, without allocating.</summary>
    public static ReadOnlySpan<char> BareToken(string? headerValue) =>
        headerValue is not null && headerValue.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? headerValue.AsSpan(7).Trim()
            : headerValue.AsSpan();
}
