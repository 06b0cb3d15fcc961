using System.CommandLine;
using ApiAuth.Cli.Commands;

namespace ApiAuth.Cli;

/// <summary>The <c>apiauth</c> command line, with its input and output streams injected so tests can drive it.</summary>
internal static class ApiAuthCli
{
    /// <summary>Exit code for a usable input that failed the check (invalid signature, policy errors).</summary>
    public const int Invalid = 1;

    /// <summary>Exit code for input the command could not use (unreadable file, malformed request or JSON).</summary>
    public const int Unusable = 2;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliIo(stdin, stdout, stderr);
        var root = new RootCommand("apiauth: Amazon API Gateway's security layers, offline (SigV4, IAM policies, authorizers).")
        {
            VerifyCommand.Create(io),
            SignCommand.Create(io, presign: false),
            SignCommand.Create(io, presign: true),
            ValidateCommand.Create(io),
            SimulateCommand.Create(io),
            ImportCommand.Create(io),
        };
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or ArgumentException)
        {
            // Input the command could not use: say what it was, never a stack trace.
            await stderr.WriteLineAsync($"apiauth: {exception.Message}").ConfigureAwait(false);
            return Unusable;
        }
    }
}
