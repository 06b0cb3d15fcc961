namespace ApiAuth.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ApiAuthCli.RunAsync(args, input, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(string.Empty, args);

    public static string Data(string caseName, string file) => Path.Combine(AppContext.BaseDirectory, "TestData", caseName, file);
}
