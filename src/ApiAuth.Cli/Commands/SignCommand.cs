using System.CommandLine;
using System.Globalization;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Signing;

namespace ApiAuth.Cli.Commands;

/// <summary>
/// <c>apiauth sign</c> prints the headers that sign a request; <c>apiauth presign</c> prints a presigned URL.
/// The request is a URL (with <c>--method</c>, <c>--header</c>, <c>--body</c>) or a raw HTTP file (<c>--request</c>).
/// </summary>
internal static class SignCommand
{
    public static Command Create(CliIo io, bool presign)
    {
        var url = new Option<string?>("--url") { Description = "The URL to sign, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/prod/pets." };
        var method = new Option<string>("--method", "-X") { Description = "HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A header to send and sign, 'Name: value' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var body = new Option<string?>("--body") { Description = "A file holding the request body, or - for standard input." };
        var request = new Option<string?>("--request") { Description = "A raw HTTP/1.1 request file (or -) instead of --url; its Host header names the host." };
        var scheme = new Option<string>("--scheme") { Description = "Scheme for --request (http or https).", DefaultValueFactory = _ => "https" };
        var expires = new Option<int>("--expires") { Description = "Presigned URL lifetime in seconds (1 to 604800).", DefaultValueFactory = _ => 900 };
        var options = new SigningOptions();

        var command = presign
            ? new Command("presign", "Print a SigV4 presigned URL for a request.") { url, method, headers, body, request, scheme, expires }
            : new Command("sign", "Print the SigV4 headers (X-Amz-Date, X-Amz-Security-Token, Authorization) that sign a request.") { url, method, headers, body, request, scheme };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            if (await options.ClockOrReportAsync(parse, io).ConfigureAwait(false) is not { } time)
            {
                return ApiAuthCli.Unusable;
            }
            var target = await ReadTargetAsync(io, parse.GetValue(url), parse.GetValue(method)!, parse.GetValue(headers) ?? [], parse.GetValue(body),
                parse.GetValue(request), parse.GetValue(scheme)!).ConfigureAwait(false);
            if (target.Error is not null)
            {
                await io.Stderr.WriteLineAsync(target.Error).ConfigureAwait(false);
                return ApiAuthCli.Unusable;
            }

            var signer = new SigV4Signer(
                new SigV4SigningCredentials(parse.GetValue(options.AccessKey)!, parse.GetValue(options.Secret)!, parse.GetValue(options.SessionToken)),
                parse.GetValue(options.Region)!, parse.GetValue(options.Service)!, time);
            if (presign)
            {
                var seconds = parse.GetValue(expires);
                if (seconds is < 1 or > SigV4Constants.MaxPresignExpirySeconds)
                {
                    await io.Stderr.WriteLineAsync("--expires must be from 1 to 604800 seconds.").ConfigureAwait(false);
                    return ApiAuthCli.Unusable;
                }
                var signed = signer.Presign(target.Method, target.Uri!, TimeSpan.FromSeconds(seconds), target.Headers, target.Body);
                await io.Stdout.WriteLineAsync(signed.PresignedUri!.AbsoluteUri).ConfigureAwait(false);
            }
            else
            {
                foreach (var header in signer.Sign(target.Method, target.Uri!, target.Headers, target.Body).Headers)
                {
                    await io.Stdout.WriteLineAsync($"{header.Key}: {header.Value}").ConfigureAwait(false);
                }
            }
            return 0;
        });
        return command;
    }

    private static async Task<SignTarget> ReadTargetAsync(CliIo io, string? url, string method, string[] headerLines, string? bodyPath, string? requestPath, string scheme)
    {
        if ((url is null) == (requestPath is null))
        {
            return SignTarget.Fail("Give exactly one of --url and --request.");
        }
        try
        {
            if (requestPath is not null)
            {
                var (raw, error) = await io.ReadRequestAsync(requestPath).ConfigureAwait(false);
                if (raw is null)
                {
                    return SignTarget.Fail(error!);
                }
                var host = raw.GetHeader("host");
                // A host with '/', '?', '#' or '@' in it, or a target not starting with '/', would sign another URL than the one written.
                if (host is null || host.AsSpan().IndexOfAny("/?#@\\ \t") >= 0 || !raw.RawTarget.StartsWith('/')
                    || !Uri.TryCreate($"{scheme}://{host}{raw.RawTarget}", UriKind.Absolute, out var fromRequest))
                {
                    return SignTarget.Fail("The request needs a Host header (a host name, with a port if any) and an origin-form target ('/path?query') that form a valid URL.");
                }
                return new SignTarget(raw.Method, fromRequest, [.. raw.Headers], raw.Body.ToArray(), null);
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in headerLines)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return SignTarget.Fail($"--header must be 'Name: value', got '{line}'.");
                }
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
            var body = bodyPath is null ? [] : await io.ReadBytesAsync(bodyPath).ConfigureAwait(false);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return SignTarget.Fail("--url must be an absolute http(s) URL, e.g. https://host/path.");
            }
            return new SignTarget(method.ToUpper(CultureInfo.InvariantCulture), uri, headers, body, null);
        }
        catch (IOException exception)
        {
            return SignTarget.Fail($"Cannot read input: {exception.Message}");
        }
    }

    private sealed record SignTarget(string Method, Uri? Uri, List<KeyValuePair<string, string>> Headers, byte[] Body, string? Error)
    {
        public static SignTarget Fail(string error) => new("GET", null, [], [], error);
    }
}
