namespace ApiAuth.Sample;

/// <summary>
/// The sample's logging defaults, below every other configuration source (appsettings, environment, command line
/// may still change them). ASP.NET Core's hosting diagnostics log each request target at Information: for a presigned
/// URL that is its signature, credential and security token (a replayable URL, for up to 7 days), and for a REQUEST
/// authorizer its query identity sources. Warning keeps those lines out.
/// </summary>
internal static class SampleLogging
{
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Warning",
    };

    /// <summary>Adds <see cref="Defaults"/> as the configuration source every other one overrides.</summary>
    public static void AddDefaults(IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
}
