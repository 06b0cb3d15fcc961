namespace ApiAuth.Arns;

/// <summary>
/// An Amazon Resource Name split into its six colon-separated fields:
/// <c>arn:partition:service:region:account:resource</c>. The resource field keeps any further colons.
/// </summary>
public sealed record Arn
{
    /// <summary>The number of fields in an ARN, counting the leading <c>arn</c>.</summary>
    public const int FieldCount = 6;

    private Arn(string partition, string service, string region, string account, string resource)
    {
        Partition = partition;
        Service = service;
        Region = region;
        Account = account;
        Resource = resource;
    }

    /// <summary>The partition, e.g. <c>aws</c> or <c>aws-cn</c>.</summary>
    public string Partition { get; }

    /// <summary>The service namespace, e.g. <c>execute-api</c> or <c>iam</c>.</summary>
    public string Service { get; }

    /// <summary>The region; empty for global services such as IAM.</summary>
    public string Region { get; }

    /// <summary>The 12-digit account id; empty for some services.</summary>
    public string Account { get; }

    /// <summary>Everything after the fifth colon, e.g. <c>user/alice</c> or <c>abc123/prod/GET/pets</c>.</summary>
    public string Resource { get; }

    /// <summary>Parses an ARN. Fails when the text does not start with <c>arn:</c> or has fewer than six fields.</summary>
    /// <param name="text">The ARN text.</param>
    /// <param name="arn">The parsed ARN, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the text is an ARN.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Arn? arn)
    {
        arn = null;
        if (text is null)
        {
            return false;
        }
        Span<Range> fields = stackalloc Range[FieldCount];
        if (!TrySplit(text, fields) || !text.AsSpan(fields[0]).SequenceEqual("arn"))
        {
            return false;
        }
        arn = new Arn(text[fields[1]], text[fields[2]], text[fields[3]], text[fields[4]], text[fields[5]]);
        return true;
    }

    /// <summary>
    /// Splits text into the six ARN fields without allocating. The sixth field takes the rest of the text,
    /// colons included, as AWS does for resource ids such as <c>log-group:name:*</c>.
    /// </summary>
    internal static bool TrySplit(ReadOnlySpan<char> text, Span<Range> fields)
    {
        var start = 0;
        for (var field = 0; field < FieldCount - 1; field++)
        {
            var colon = text[start..].IndexOf(':');
            if (colon < 0)
            {
                return false;
            }
            fields[field] = new Range(start, start + colon);
            start += colon + 1;
        }
        fields[FieldCount - 1] = new Range(start, text.Length);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
