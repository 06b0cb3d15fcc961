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
