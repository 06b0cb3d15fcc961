using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>Turns a validated token's payload into what the application sees, as API Gateway's <c>claims</c> map.</summary>
internal static class JwtClaims
{
    /// <summary>Each claim as text; a claim holding several values (e.g. <c>cognito:groups</c>) as a JSON array.</summary>
    public static IReadOnlyDictionary<string, string> Read(JsonWebToken jwt)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var claim in jwt.Claims)
        {
            if (!values.TryGetValue(claim.Type, out var list))
            {
                values[claim.Type] = list = [];
            }

            list.Add(claim.Value);
        }

        return values.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.Count == 1 ? pair.Value[0] : JsonSerializer.Serialize(pair.Value),
            StringComparer.Ordinal);
    }

    /// <summary>The values of a claim, each split on spaces (<c>scope</c> is one space-separated string; <c>scp</c> may be an array).</summary>
    public static string[] Values(JsonWebToken jwt, string claimType) =>
        jwt.Claims
            .Where(claim => string.Equals(claim.Type, claimType, StringComparison.Ordinal))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

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
