using System.Text.RegularExpressions;

namespace ApiAuth.Definitions;

/// <summary>JSON paths for findings: <c>$.paths['/pets/{id}'].get.security[0]</c>.</summary>
internal static partial class DefinitionPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        SimpleName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex SimpleName();
}
