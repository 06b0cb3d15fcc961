using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiAuth.Definitions;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Cli.Commands;

/// <summary>
/// <c>apiauth import &lt;file&gt; [--stage prod] [--format json|table]</c>: an API Gateway export as ApiAuth
/// understands it (routes with their auth, authorizers, resource policy, gateway responses) and every item it would
/// refuse. Exit 0 when the app would start with it, 1 when not.
/// </summary>
internal static class ImportCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliIo io)
    {
        var file = new Argument<string>("file") { Description = "An OpenAPI 3 or Swagger 2.0 export (JSON or YAML), e.g. from aws apigateway get-export --parameters extensions=apigateway." };
        var stage = new Option<string?>("--stage") { Description = "The stage, when the export's base path names none (a different one is an error)." };
        var format = new Option<string>("--format") { Description = "json (default) or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var command = new Command("import", "Show how ApiAuth reads an API Gateway export, and everything in it that it would refuse.") { file, stage, format };
        command.SetAction(async (parseResult, ct) =>
        {
            var path = parseResult.GetValue(file)!;
            ApiDefinition definition;
            try
            {
                definition = OpenApiDefinitionReader.Load(path);
            }
            catch (Exception exception) when (exception is DefinitionFormatException or IOException or UnauthorizedAccessException)
            {
                await io.Stderr.WriteLineAsync($"apiauth import: {path} cannot be read: {exception.Message}").ConfigureAwait(false);
                return ApiAuthCli.Invalid;
            }
            var report = Report.Of(definition, parseResult.GetValue(stage));
            var text = parseResult.GetValue(format) == "table" ? Table(report) : report.Json.ToJsonString(Indented) + Environment.NewLine;
            await io.Stdout.WriteAsync(text.ReplaceLineEndings("\n")).ConfigureAwait(false);
            return report.Usable ? 0 : ApiAuthCli.Invalid;
        });
        return command;
    }

    private sealed record Report(JsonObject Json, bool Usable, ApiDefinition Definition, string? Stage, List<string> Errors)
    {
        public static Report Of(ApiDefinition definition, string? stageOption)
        {
            var errors = definition.Errors.Select(e => e.ToString()).ToList();
            var stage = definition.Stage ?? stageOption;
            if (definition.Stage is not null && stageOption is not null && stageOption != definition.Stage)
            {
                errors.Add($"--stage: '{stageOption}' contradicts the base path's stage '{definition.Stage}'.");
            }
            if (definition.ResourcePolicy is { } policy)
            {
                var validation = PolicyValidationReport.Create(Encoding.UTF8.GetBytes(policy), PolicyKind.Resource);
                errors.AddRange(validation.Findings.Where(f => f.Severity == Policies.Parsing.FindingSeverity.Error).Select(f => $"$.x-amazon-apigateway-policy: {f}"));
            }
            var usable = errors.Count == 0 && definition.Refused.Count == 0;
            var routes = new JsonArray([.. definition.Routes.Select(r => (JsonNode)new JsonObject
            {
                ["route"] = $"{r.Method} {r.Path}",
                ["authorizationType"] = r.AuthorizationType,
                ["authorizer"] = r.Authorizer,
                ["scopes"] = new JsonArray([.. r.Scopes.Select(s => (JsonNode)JsonValue.Create(s))]),
                ["apiKeyRequired"] = r.ApiKeyRequired,
            })]);
            var authorizers = new JsonObject();
            foreach (var a in definition.Authorizers.Values)
            {
                authorizers[a.Name] = new JsonObject
                {
                    ["type"] = a.Type,
                    ["identitySource"] = a.IdentitySource,
                    ["identityValidationExpression"] = a.IdentityValidationExpression,
                    ["resultTtlInSeconds"] = a.ResultTtlInSeconds ?? 300,
                    ["userPoolId"] = a.UserPoolId,
                };
            }
            var responses = new JsonObject();
            foreach (var (type, r) in definition.GatewayResponses)
            {
                responses[type] = new JsonObject
                {
                    ["statusCode"] = r.StatusCode,
                    ["headers"] = new JsonObject([.. r.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))]),
                    ["bodyTemplate"] = r.BodyTemplate,
                };
            }
            var json = new JsonObject
            {
                ["usable"] = usable,
                ["format"] = definition.Format,
                ["stage"] = stage,
                ["apiKeySource"] = definition.ApiKeySource ?? "HEADER",
                ["routes"] = routes,
                ["authorizers"] = authorizers,
                ["resourcePolicy"] = definition.ResourcePolicy is { } p ? ParseOrText(p) : null,
                ["gatewayResponses"] = responses,
                ["refused"] = new JsonArray([.. definition.Refused.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["item"] = f.Item, ["message"] = f.Message })]),
                ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)JsonValue.Create(e))]),
            };
            return new Report(json, usable, definition, stage, errors);
        }

        private static JsonNode? ParseOrText(string policy)
        {
            try
            {
                return JsonNode.Parse(policy);
            }
            catch (JsonException)
            {
                return JsonValue.Create(policy);
            }
        }
    }

    private static string Table(Report report)
    {
        var d = report.Definition;
        var text = new StringBuilder();
        text.AppendLine($"{d.Format}, stage {report.Stage ?? "(none)"}, API keys from {d.ApiKeySource ?? "HEADER"}: {(report.Usable ? "usable" : "NOT usable")}");
        text.AppendLine();
        Rows(text, ["ROUTE", "AUTH", "AUTHORIZER", "SCOPES", "API KEY"], d.Routes.Select(r => new[] { $"{r.Method} {r.Path}", r.AuthorizationType, r.Authorizer ?? "-", r.Scopes.Count == 0 ? "-" : string.Join(",", r.Scopes), r.ApiKeyRequired ? "required" : "-" }));
        if (d.Authorizers.Count > 0)
        {
            text.AppendLine();
            Rows(text, ["AUTHORIZER", "TYPE", "IDENTITY SOURCE", "TTL", "VALIDATION / USER POOL"], d.Authorizers.Values.Select(a => new[]
            {
                a.Name, a.Type, string.IsNullOrEmpty(a.IdentitySource) ? "-" : a.IdentitySource, (a.ResultTtlInSeconds ?? 300).ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.IdentityValidationExpression ?? a.UserPoolId ?? "-",
            }));
        }
        text.AppendLine();
        text.AppendLine("RESOURCE POLICY");
        text.AppendLine(d.ResourcePolicy is null ? "(none)" : report.Json["resourcePolicy"]!.ToJsonString(Indented));
        foreach (var (type, r) in d.GatewayResponses)
        {
            text.AppendLine($"GATEWAY RESPONSE {type}: status {r.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, headers {string.Join(", ", r.Headers.Select(h => $"{h.Key}: {h.Value}"))}");
        }
        if (d.Refused.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("REFUSED (accept with \"Ignore\": [item])");
            foreach (var refused in d.Refused)
            {
                text.AppendLine($"  {refused} [{refused.Item}]");
            }
        }
        if (report.Errors.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("ERRORS");
            foreach (var error in report.Errors)
            {
                text.AppendLine("  " + error);
            }
        }
        return text.ToString();
    }

    private static void Rows(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
