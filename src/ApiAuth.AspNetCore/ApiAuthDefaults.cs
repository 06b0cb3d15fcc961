namespace ApiAuth.AspNetCore;

/// <summary>Names ApiAuth registers with ASP.NET Core.</summary>
public static class ApiAuthDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string AuthenticationScheme = "ApiAuth";

    /// <summary>The configuration section bound by default.</summary>
    public const string ConfigurationSection = "ApiAuth";
}
