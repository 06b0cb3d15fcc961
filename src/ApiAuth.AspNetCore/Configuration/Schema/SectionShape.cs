using Microsoft.Extensions.Configuration;

namespace ApiAuth.AspNetCore.Configuration.Schema;

/// <summary>
/// A section with a fixed set of settings. Names compare as configuration compares them (ignoring case). A section
/// with a kind key (an authorizer's <c>Type</c>) also refuses settings that do not apply to its kind.
/// </summary>
internal sealed class SectionShape : SettingShape
{
    private readonly Dictionary<string, Setting> _settings;
    private readonly string? _kindKey;

    /// <param name="settings">The settings this section accepts.</param>
    /// <param name="kindKey">The setting that names the section's kind, for <see cref="Setting.AppliesTo"/>.</param>
    public SectionShape(IEnumerable<Setting> settings, string? kindKey = null)
    {
        _settings = settings.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        _kindKey = kindKey;
    }

    /// <summary>The names of the settings, as documented.</summary>
    public IEnumerable<string> Names => _settings.Keys;

    public override void Check(IConfigurationSection section, ICollection<string> problems)
    {
        if (!section.GetChildren().Any())
        {
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path} must be a section, got '{section.Value}'.");
            }
            return;
        }
        CheckSettings(section, section.Path, problems);
    }

    /// <summary>Checks the keys under <paramref name="configuration"/>, a section or a whole configuration root.</summary>
    public void CheckSettings(IConfiguration configuration, string path, ICollection<string> problems)
    {
        var kind = _kindKey is null ? null : configuration[_kindKey]?.Trim();
        var parent = path.Length == 0 ? "" : path + ":";
        foreach (var child in configuration.GetChildren())
        {
            if (!_settings.TryGetValue(child.Key, out var setting))
            {
                problems.Add(NearestName.Find(child.Key, _settings.Keys) is { } suggestion
                    ? $"{child.Path} is not a setting; did you mean {parent}{suggestion}?"
                    : $"{child.Path} is not a setting; the settings here are {string.Join(", ", _settings.Keys)}.");
                continue;
            }
            if (kind is { Length: > 0 } && setting.AppliesTo is { } kinds && !kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Path} does not apply to a {kind} {Describe(path)}; it applies to {string.Join(" and ", kinds)}.");
                continue;
            }
            setting.Shape.Check(child, problems);
        }
    }

    // "authorizer" for ApiAuth:Authorizers:x, the only sections with a kind today.
    private static string Describe(string path) =>
        path.Split(':') is [.., var parent, _] && parent.EndsWith('s') ? parent[..^1].ToLowerInvariant() : "section";
}

/// <summary>One setting of a <see cref="SectionShape"/>.</summary>
/// <param name="Name">The key, spelled as documented.</param>
/// <param name="Shape">What it may hold.</param>
/// <param name="AppliesTo">The kinds of section it applies to; null for all.</param>
internal sealed record Setting(string Name, SettingShape Shape, string[]? AppliesTo = null);
