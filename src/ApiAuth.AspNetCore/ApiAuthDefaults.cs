namespace ApiAuth.AspNetCore;

/// <summary>Names ApiAuth registers with ASP.NET Core.</summary>
public static class ApiAuthDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string AuthenticationScheme = "ApiAuth";

    /// <summary>The authorization policy <c>[ApiAuthorize]</c> uses: the ApiAuth scheme and the gateway decision, with no
    /// authenticated-user requirement, so NONE methods admit anonymous callers the resource policy allows.</summary>
    public const string PolicyName = "ApiAuth";

    /// <summary>The configuration section bound by default.</summary>
    public const string ConfigurationSection = "ApiAuth";

    /// <summary>The named <see cref="System.Net.Http.HttpClient"/> (<c>IHttpClientFactory</c>) JWKS are fetched with;
    /// <c>services.AddHttpClient(JwksHttpClientName)</c> adds handlers to it.</summary>
    public const string JwksHttpClientName = "ApiAuth.Jwks";
}
