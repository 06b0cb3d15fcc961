using System.CommandLine;
using System.Text.Json;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Cli.Commands;

/// <summary>
/// <c>apiauth verify</c>: verifies a raw HTTP request's signature and prints what the verifier computed, to debug
/// "signature does not match". Exit 0 valid, 1 invalid, 2 unusable input.
/// </summary>
internal static class VerifyCommand
{
    // The CLI checks signatures only; the identity behind the key does not matter here.
    private const string CliPrincipal = "arn:aws:iam::000000000000:user/apiauth-cli";

    public static Command Create(CliIo io)
    {
        var request = new Option<string>("--request") { Description = "Raw HTTP/1.1 request file, or - for standard input.", Required = true };
        var options = new SigningOptions();
        var command = new Command("verify", "Verify a SigV4-signed HTTP request (header or presigned form).") { request };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await options.ClockOrReportAsync(parse, io).ConfigureAwait(false) is not { } time)
            {
                return ApiAuthCli.Unusable;
            }
            var (httpRequest, error) = await io.ReadRequestAsync(parse.GetValue(request)!).ConfigureAwait(false);
            if (httpRequest is null)
            {
                await io.Stderr.WriteLineAsync(error).ConfigureAwait(false);
                return ApiAuthCli.Unusable;
            }

            var credential = new AccessKeyCredential(parse.GetValue(options.AccessKey)!, parse.GetValue(options.Secret)!, CliPrincipal)
            {
                SessionToken = parse.GetValue(options.SessionToken),
            };
            var verifier = new SigV4Verifier(
                new InMemoryCredentialStore([credential]),
                new SigV4VerifierOptions { Regions = [parse.GetValue(options.Region)!], Service = parse.GetValue(options.Service)! },
                time);
            var result = await verifier.VerifyAsync(httpRequest, includeDiagnostics: true, cancellationToken).ConfigureAwait(false);
            await io.Stdout.WriteLineAsync(ToJson(result)).ConfigureAwait(false);
            return result.IsValid ? 0 : ApiAuthCli.Invalid;
        });
        return command;
    }

    private static string ToJson(SigV4VerificationResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", result.IsValid);
            json.WriteString("reason", result.IsValid ? "Valid" : result.Reason.ToString());
            json.WriteString("message", result.Message ?? "The signature is valid.");
            json.WriteString("canonicalRequest", result.CanonicalRequest);
            json.WriteString("stringToSign", result.StringToSign);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
