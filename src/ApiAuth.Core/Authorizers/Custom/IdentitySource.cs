namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// One identity source of a custom authorizer, parsed from API Gateway's mapping expression
/// (<c>method.request.header.Authorization</c>, <c>method.request.querystring.key</c>, <c>stageVariables.tenant</c>,
/// <c>context.identity.sourceIp</c>).
/// </summary>
internal sealed class IdentitySource : IEquatable<IdentitySource>
{
    private const string HeaderPrefix = "method.request.header.";
    private const string QueryStringPrefix = "method.request.querystring.";
    private const string StageVariablePrefix = "stageVariables.";
    private const string ContextPrefix = "context.";

    private IdentitySource(IdentitySourceKind kind, string name, string expression)
    {
        Kind = kind;
        Name = name;
        Expression = expression;
    }

    /// <summary>Where the value comes from.</summary>
    public IdentitySourceKind Kind { get; }

    /// <summary>The header, query parameter, stage variable or context variable name.</summary>
    public string Name { get; }

    /// <summary>The mapping expression, as configured.</summary>
    public string Expression { get; }

    /// <summary>Parses one mapping expression.</summary>
    /// <param name="expression">For example <c>method.request.header.Authorization</c>.</param>
    /// <returns>The identity source.</returns>
    /// <exception cref="ArgumentException">The expression is not one API Gateway accepts.</exception>
    public static IdentitySource Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var trimmed = expression.Trim();
        (IdentitySourceKind Kind, string Prefix)[] forms =
        [
            (IdentitySourceKind.Header, HeaderPrefix),
            (IdentitySourceKind.QueryString, QueryStringPrefix),
            (IdentitySourceKind.StageVariable, StageVariablePrefix),
            (IdentitySourceKind.Context, ContextPrefix),
        ];
        foreach (var (kind, prefix) in forms)
        {
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal) && trimmed.Length > prefix.Length)
            {
                var name = trimmed[prefix.Length..];
                if (name.Any(char.IsWhiteSpace))
                {
                    break;
                }

                return new IdentitySource(kind, name, trimmed);
            }
        }

        throw new ArgumentException(
            $"Identity source '{expression}' is not valid. Use method.request.header.<name>, method.request.querystring.<name>, stageVariables.<name> or context.<name>.",
            nameof(expression));
    }

    /// <summary>Parses API Gateway's comma-separated identity source list.</summary>
    /// <param name="expressions">For example <c>method.request.header.X-Tenant, method.request.querystring.key</c>.</param>
    /// <returns>The identity sources in order.</returns>
    /// <exception cref="ArgumentException">An expression is invalid or repeated.</exception>
    public static IReadOnlyList<IdentitySource> ParseList(string expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var sources = expressions.Split(',', StringSplitOptions.TrimEntries).Select(Parse).ToArray();
        if (sources.Distinct().Count() != sources.Length)
        {
            throw new ArgumentException($"Identity sources '{expressions}' repeat a source; list each once.", nameof(expressions));
        }

        return sources;
    }

    /// <summary>Reads this source's value from a request; null when absent.</summary>
    internal string? Find(CustomAuthorizerRequest request) => Kind switch
    {
        IdentitySourceKind.Header => FindHeader(request.Headers, Name),
        IdentitySourceKind.QueryString => FindExact(request.QueryStringParameters, Name),
        IdentitySourceKind.StageVariable => FindExact(request.StageVariables, Name),
        _ => request.RequestContext?.Find(Name),
    };

    /// <inheritdoc/>
    public bool Equals(IdentitySource? other) =>
        other is not null && Kind == other.Kind &&
        string.Equals(Name, other.Name, Kind == IdentitySourceKind.Header ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IdentitySource);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Kind, Kind == IdentitySourceKind.Header ? StringComparer.OrdinalIgnoreCase.GetHashCode(Name) : StringComparer.Ordinal.GetHashCode(Name));

    /// <inheritdoc/>
    public override string ToString() => Expression;

    private static string? FindExact(IDictionary<string, string>? values, string name) =>
        values is not null && values.TryGetValue(name, out var value) ? value : null;

    // The adapter's dictionary may or may not ignore case; HTTP header names never depend on it.
    private static string? FindHeader(IDictionary<string, string>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, candidate) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }
}
