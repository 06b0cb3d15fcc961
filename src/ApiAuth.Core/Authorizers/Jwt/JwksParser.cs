using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// Reads a JWKS document into keys by <c>kid</c>. A document that names one <c>kid</c> twice is rejected as a whole:
/// which of the two keys was meant is ambiguous. Keys without a <c>kid</c> are dropped, since tokens must name their key.
/// </summary>
internal static class JwksParser
{
    public static bool TryParse(string json, out FrozenDictionary<string, JsonWebKey> keys, out string error)
    {
        keys = FrozenDictionary<string, JsonWebKey>.Empty;
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException e)
        {
            error = $"The JWKS is not a valid JSON Web Key Set: {e.Message}";
            return false;
        }
        catch (JsonException e)
        {
            error = $"The JWKS is not valid JSON: {e.Message}";
            return false;
        }

        var byId = new Dictionary<string, JsonWebKey>(StringComparer.Ordinal);
        foreach (var key in set.Keys)
        {
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            if (!byId.TryAdd(key.Kid, key))
            {
                error = $"The JWKS has two keys with kid '{key.Kid}'.";
                return false;
            }
        }

        keys = byId.ToFrozenDictionary(StringComparer.Ordinal);
        error = string.Empty;
        return true;
    }
}
