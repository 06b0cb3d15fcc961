using System.CommandLine;
using ApiAuth.Cli.Simulation;

namespace ApiAuth.Cli.Commands;

/// <summary>
/// <c>apiauth simulate --cases &lt;file|-&gt;</c>: one JSON line per case in input order; exit 1 when a case is an
/// error, 2 when the input cannot be read.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliIo io)
    {
        var cases = new Option<string>("--cases") { Description = "A JSON array of cases or one case per line; - for standard input.", Required = true };
        var command = new Command("simulate", "Decide test cases against identity and resource policies as API Gateway would.") { cases };
        command.SetAction(async (parseResult, ct) =>
        {
            string text;
            try
            {
                text = await io.ReadTextAsync(parseResult.GetValue(cases)!).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await io.Stderr.WriteLineAsync($"apiauth simulate: cannot read the cases: {ex.Message}").ConfigureAwait(false);
                return ApiAuthCli.Unusable;
            }
            var run = SimulationRunner.Run(text);
            if (run.UnusableReason is not null)
            {
                await io.Stderr.WriteLineAsync($"apiauth simulate: {run.UnusableReason}").ConfigureAwait(false);
                return ApiAuthCli.Unusable;
            }
            foreach (var line in run.Lines)
            {
                await io.Stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
            return run.HasErrors ? ApiAuthCli.Invalid : 0;
        });
        return command;
    }
}
