using System.CommandLine;
using ApiAuth.Policies.Parsing;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Cli.Commands;

/// <summary><c>apiauth validate &lt;policy.json&gt; [--kind identity|resource]</c>: findings with JSON paths; exit 1 on errors.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliIo io)
    {
        var file = new Argument<string>("policy") { Description = "The policy JSON file, or - for standard input." };
        var kind = new Option<string?>("--kind") { Description = "identity or resource: also check Principal placement and the execute-api:/ shorthand." };
        kind.AcceptOnlyFromAmong("identity", "resource");
        var command = new Command("validate", "Validate an IAM policy: errors and warnings with their JSON paths.") { file, kind };
        command.SetAction(async (parseResult, ct) =>
        {
            byte[] bytes;
            try
            {
                bytes = await io.ReadBytesAsync(parseResult.GetValue(file)!).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await io.Stderr.WriteLineAsync($"apiauth validate: cannot read the policy: {ex.Message}").ConfigureAwait(false);
                return ApiAuthCli.Unusable;
            }
            var policyKind = parseResult.GetValue(kind) switch
            {
                "identity" => PolicyKind.Identity,
                "resource" => PolicyKind.Resource,
                _ => (PolicyKind?)null,
            };
            var report = PolicyValidationReport.Create(bytes, policyKind);
            foreach (var line in Lines(report))
            {
                await io.Stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
            return report.HasErrors ? ApiAuthCli.Invalid : 0;
        });
        return command;
    }

    /// <summary>One line per finding (<c>error: $.Statement[0].Effect: message [Code]</c>), then a summary line.</summary>
    internal static IEnumerable<string> Lines(PolicyValidationReport report)
    {
        foreach (var finding in report.Findings)
        {
            yield return finding.ToString();
        }
        var errors = report.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = report.Findings.Count - errors;
        yield return errors > 0 ? $"invalid: {errors} error(s), {warnings} warning(s)" : $"valid: {warnings} warning(s)";
    }
}
