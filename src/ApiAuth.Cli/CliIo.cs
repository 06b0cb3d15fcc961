namespace ApiAuth.Cli;

/// <summary>The standard streams a command reads and writes, and file-or-stdin input.</summary>
internal sealed record CliIo(TextReader Stdin, TextWriter Stdout, TextWriter Stderr)
{
    /// <summary>Reads a file's bytes, or standard input when the path is <c>-</c>.</summary>
    public async Task<byte[]> ReadBytesAsync(string path)
    {
        if (path == "-")
        {
            var text = await Stdin.ReadToEndAsync().ConfigureAwait(false);
            return System.Text.Encoding.UTF8.GetBytes(text);
        }
        return await File.ReadAllBytesAsync(path).ConfigureAwait(false);
    }

    /// <summary>Reads a file's text, or standard input when the path is <c>-</c>.</summary>
    public async Task<string> ReadTextAsync(string path) =>
        path == "-" ? await Stdin.ReadToEndAsync().ConfigureAwait(false) : await File.ReadAllTextAsync(path).ConfigureAwait(false);
}
