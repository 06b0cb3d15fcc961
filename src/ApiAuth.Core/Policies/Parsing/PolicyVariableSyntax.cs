namespace ApiAuth.Policies.Parsing;

/// <summary>
/// Splits a policy string into text and <c>${...}</c> policy variables (AWS "IAM policy elements: Variables and tags"):
/// <c>${aws:username}</c>, <c>${aws:PrincipalTag/team}</c>, <c>${key, 'default'}</c>, and the escapes <c>${*}</c>,
/// <c>${?}</c>, <c>${$}</c>.
/// </summary>
internal static class PolicyVariableSyntax
{
    /// <summary>Whether the text contains the start of a variable.</summary>
    public static bool HasVariables(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>Parses the text; <paramref name="parts"/> is null when it has no variables.</summary>
    public static bool TryParse(string text, out TemplatePart[]? parts, out string? error)
    {
        parts = null;
        error = null;
        if (!HasVariables(text))
        {
            return true;
        }
        var list = new List<TemplatePart>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("${", position, StringComparison.Ordinal);
            if (open < 0)
            {
                list.Add(new TemplatePart(TemplatePartKind.Text, text[position..], null));
                break;
            }
            if (open > position)
            {
                list.Add(new TemplatePart(TemplatePartKind.Text, text[position..open], null));
            }
            var close = text.IndexOf('}', open + 2);
            if (close < 0)
            {
                error = $"'${{' at character {open} is not closed by '}}'.";
                return false;
            }
            if (!TryParseVariable(text[(open + 2)..close], out var part, out error))
            {
                return false;
            }
            list.Add(part);
            position = close + 1;
        }
        parts = [.. list];
        return true;
    }

    private static bool TryParseVariable(string inner, out TemplatePart part, out string? error)
    {
        part = default;
        error = null;
        if (inner is "*" or "?" or "$")
        {
            part = new TemplatePart(TemplatePartKind.Escaped, inner, null);
            return true;
        }
        string? fallback = null;
        var name = inner;
        var comma = inner.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            name = inner[..comma].Trim();
            var quoted = inner[(comma + 1)..].Trim();
            if (quoted.Length < 2 || quoted[0] != '\'' || quoted[^1] != '\'' || quoted[1..^1].Contains('\'', StringComparison.Ordinal))
            {
                error = $"The default of '${{{inner}}}' must be one single-quoted string, e.g. ${{aws:username, 'nobody'}}.";
                return false;
            }
            fallback = quoted[1..^1];
        }
        if (name.Length == 0 || !name.All(IsKeyChar))
        {
            error = $"'${{{inner}}}' is not a valid policy variable: expected a condition key such as ${{aws:username}}.";
            return false;
        }
        part = new TemplatePart(TemplatePartKind.Variable, name, fallback);
        return true;
    }

    // Condition keys: letters, digits and the separators AWS uses in key names and tag keys.
    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '/' or '_' or '-' or '.' or '@' or '+' or '=';
}
