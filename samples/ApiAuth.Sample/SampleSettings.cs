using System.Reflection;

namespace ApiAuth.Sample;

/// <summary>
/// Where the sample's <c>ApiAuth</c> settings come from: the embedded demo settings, or the file named by
/// <c>--config</c>, which replaces them (relative paths in it resolve against its folder).
/// </summary>
internal sealed record SampleSettings(IConfiguration Section, string BaseDirectory, bool IsDemo)
{
    public static SampleSettings Load(string? configPath)
    {
        if (!string.IsNullOrWhiteSpace(configPath))
        {
            var fullPath = Path.GetFullPath(configPath);
            if (!File.Exists(fullPath))
            {
                throw new FileNotFoundException($"--config: no such file '{fullPath}'.", fullPath);
            }
            var fromFile = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
            return new SampleSettings(fromFile.GetSection("ApiAuth"), Path.GetDirectoryName(fullPath)!, IsDemo: false);
        }
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo-settings.json")!;
        var demo = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return new SampleSettings(demo.GetSection("ApiAuth"), AppContext.BaseDirectory, IsDemo: true);
    }

    /// <summary>Whether the settings define an authorizer with this name.</summary>
    public bool HasAuthorizer(string name) => Section.GetSection("Authorizers").GetSection(name).Exists();
}
