namespace ApiAuth.Policies.Parsing;

/// <summary>Builds the JSON paths findings point at, e.g. <c>$.Statement[1].Condition.IpAddress['aws:SourceIp']</c>.</summary>
internal static class JsonPath
{
    /// <summary>The document root.</summary>
    public const string Root = "$";

    /// <summary>A property: dotted when the name is an identifier, bracketed and quoted otherwise.</summary>
    public static string Property(string parent, string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>An array element.</summary>
    public static string Element(string parent, int index) => $"{parent}[{index}]";
}
