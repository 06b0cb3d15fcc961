using System.CommandLine;

namespace ApiAuth.Cli.Commands;

/// <summary>The options every SigV4 command shares: key, region, service and clock.</summary>
internal sealed class SigningOptions
{
    public Option<string> AccessKey { get; } = new("--access-key") { Description = "Access key id.", Required = true };

    public Option<string> Secret { get; } = new("--secret") { Description = "Secret access key.", Required = true };

    public Option<string?> SessionToken { get; } = new("--session-token") { Description = "Session token of temporary credentials." };

    public Option<string> Region { get; } = new("--region") { Description = "Region of the credential scope.", DefaultValueFactory = _ => "us-east-1" };

    public Option<string> Service { get; } = new("--service") { Description = "Service of the credential scope.", DefaultValueFactory = _ => "execute-api" };

    public Option<string?> Now { get; } = new("--now") { Description = "Act as of this time (ISO 8601), instead of the system clock." };

    /// <summary>The clock <c>--now</c> asks for (the system clock without it); null, after saying why, when it is not a time.</summary>
    public async Task<TimeProvider?> ClockOrReportAsync(ParseResult parse, CliIo io)
    {
        if (CliTime.TryParse(parse.GetValue(Now), out var time))
        {
            return time;
        }
        await io.Stderr.WriteLineAsync("--now must be an ISO 8601 time, e.g. 2015-08-30T12:36:00Z.").ConfigureAwait(false);
        return null;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(AccessKey);
        command.Options.Add(Secret);
        command.Options.Add(SessionToken);
        command.Options.Add(Region);
        command.Options.Add(Service);
        command.Options.Add(Now);
    }
}
