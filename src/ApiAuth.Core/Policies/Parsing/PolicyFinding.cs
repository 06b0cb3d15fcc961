namespace ApiAuth.Policies.Parsing;

/// <summary>A problem found in a policy, located by JSON path.</summary>
/// <param name="Severity">Error (rejected) or warning.</param>
/// <param name="Path">Where, e.g. <c>$.Statement[1].Condition.IpAddress['aws:SourceIp']</c>.</param>
/// <param name="Code">A stable code from <see cref="PolicyFindingCodes"/>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record PolicyFinding(FindingSeverity Severity, string Path, string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Severity == FindingSeverity.Error ? "error" : "warning")}: {Path}: {Message} [{Code}]";
}
