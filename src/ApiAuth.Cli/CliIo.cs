using ApiAuth.SigV4;

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

    /// <summary>Reads a raw HTTP/1.1 request from a file, or standard input for <c>-</c>; the error says why it could not.</summary>
    public async Task<(SigV4Request? Request, string? Error)> ReadRequestAsync(string path)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadBytesAsync(path).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            return (null, $"Cannot read the request: {exception.Message}");
        }
        return RawHttpRequest.TryParse(bytes, out var request, out var error)
            ? (request, null)
            : (null, $"The request is not raw HTTP/1.1 text: {error}");
    }

    /// <summary>Reads a file's text, or standard input when the path is <c>-</c>.</summary>
    public async Task<string> ReadTextAsync(string path) =>
        path == "-" ? await Stdin.ReadToEndAsync().ConfigureAwait(false) : await File.ReadAllTextAsync(path).ConfigureAwait(false);
}
