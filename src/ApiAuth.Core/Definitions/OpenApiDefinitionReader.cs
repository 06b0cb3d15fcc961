using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static ApiAuth.Definitions.DefinitionPath;

namespace ApiAuth.Definitions;

/// <summary>
/// Reads the security of an API Gateway OpenAPI 3.x or Swagger 2.0 export (<c>get-export --parameters
/// extensions=apigateway</c>), as API Gateway's importer interprets it: security schemes with
/// <c>x-amazon-apigateway-authtype</c>/<c>-authorizer</c>, each operation's <c>security</c> and
/// <c>x-amazon-apigateway-auth</c>, the resource policy, gateway responses, ANY methods and the base path's stage.
/// Everything is collected, never thrown, so one start-up error can list every fault.
/// </summary>
internal sealed class OpenApiDefinitionReader
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch"];
    private static readonly HashSet<string> AuthorizerKeys = new(StringComparer.Ordinal)
    {
        "type", "authorizerUri", "authorizerCredentials", "identitySource", "identityValidationExpression", "authorizerResultTtlInSeconds", "providerARNs",
    };
    private static readonly HashSet<string> HttpApiAuthorizerKeys = new(StringComparer.Ordinal) { "authorizerPayloadFormatVersion", "enableSimpleResponses", "jwtConfiguration" };

    private readonly List<DefinitionFinding> _refused = [];
    private readonly List<DefinitionFinding> _errors = [];
    private readonly Dictionary<string, Scheme> _schemes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DefinitionAuthorizer> _authorizers = new(StringComparer.Ordinal);

    private enum SchemeKind { Iam, Cognito, Custom, ApiKey }

    private sealed record Scheme(SchemeKind Kind, string Name);

    /// <summary>Reads a definition file (JSON or YAML).</summary>
    public static ApiDefinition Load(string path) => Read(DefinitionDocument.Load(path));

    /// <summary>Reads a parsed document.</summary>
    public static ApiDefinition Read(JsonNode document) => new OpenApiDefinitionReader().ReadDocument(document);

    private ApiDefinition ReadDocument(JsonNode document)
    {
        if (document is not JsonObject root)
        {
            return Fail(Root, "a definition is an object with an 'openapi' or 'swagger' version.");
        }
        if (root.ContainsKey("Resources") || root.ContainsKey("AWSTemplateFormatVersion") || root.ContainsKey("Transform"))
        {
            return Fail(Root, "this is a SAM or CloudFormation template, which this version of ApiAuth does not read: export the deployed API with aws apigateway get-export --parameters extensions=apigateway.");
        }
        var version3 = Text(root["openapi"]);
        var version2 = Text(root["swagger"]);
        bool v3;
        string format;
        if (version3 is not null && version3.StartsWith("3.", StringComparison.Ordinal))
        {
            (v3, format) = (true, "OpenAPI " + version3);
        }
        else if (version2 == "2.0")
        {
            (v3, format) = (false, "Swagger 2.0");
        }
        else
        {
            return Fail(Root, "not an OpenAPI 3 or Swagger 2.0 document: it needs \"openapi\": \"3.0.x\" or \"swagger\": \"2.0\".");
        }

        ScanExtensions(root, Root);
        var stage = v3 ? StageFromServers(root) : StageFromBasePath(root);
        var schemesPath = v3 ? Property(Property(Root, "components"), "securitySchemes") : Property(Root, "securityDefinitions");
        var schemes = v3 ? (root["components"] as JsonObject)?["securitySchemes"] : root["securityDefinitions"];
        if (schemes is JsonObject schemeMap)
        {
            foreach (var (name, value) in schemeMap)
            {
                ReadScheme(name, value, Property(schemesPath, name));
            }
        }
        else if (schemes is not null)
        {
            Error(schemesPath, "must be an object of security schemes.");
        }

        var routes = ReadPaths(root);
        return new ApiDefinition
        {
            Format = format,
            Stage = stage,
            Routes = routes,
            Authorizers = _authorizers,
            ResourcePolicy = ReadPolicy(root),
            ApiKeySource = ReadApiKeySource(root),
            GatewayResponses = ReadGatewayResponses(root),
            Refused = _refused,
            Errors = _errors,
        };
    }

    private ApiDefinition Fail(string path, string message)
    {
        Error(path, message);
        return new ApiDefinition { Format = "unknown", Routes = [], Authorizers = _authorizers, GatewayResponses = new Dictionary<string, DefinitionGatewayResponse>(), Refused = _refused, Errors = _errors };
    }

    // Where the scan is, so a key the reader reads is accepted only where the reader reads it: elsewhere API Gateway
    // would apply it and ApiAuth would not, so it is refused rather than silently skipped.
    private enum Place { Root, Paths, PathItem, Operation, Components, Schemes, Scheme, Other }

    private static readonly Dictionary<string, Place> ReadAt = new(StringComparer.Ordinal)
    {
        [ApiGatewayExtensions.Policy] = Place.Root,
        [ApiGatewayExtensions.ApiKeySource] = Place.Root,
        [ApiGatewayExtensions.GatewayResponses] = Place.Root,
        [ApiGatewayExtensions.AnyMethod] = Place.PathItem,
        [ApiGatewayExtensions.Auth] = Place.Operation,
        [ApiGatewayExtensions.AuthType] = Place.Scheme,
        [ApiGatewayExtensions.Authorizer] = Place.Scheme,
    };

    // Every x-amazon-apigateway-* key anywhere: read where the reader reads it, read past, or refused.
    private void ScanExtensions(JsonNode? node, string path, Place place = Place.Root)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var at = Property(path, key);
                    if (!key.StartsWith(ApiGatewayExtensions.Prefix, StringComparison.Ordinal))
                    {
                        ScanExtensions(value, at, Next(place, key));
                    }
                    else if (ReadAt.TryGetValue(key, out var where))
                    {
                        if (where != place)
                        {
                            _refused.Add(new DefinitionFinding(at, key, $"'{key}' is read only {Describe(where)}; here ApiAuth would not apply it."));
                        }
                        else if (key == ApiGatewayExtensions.AnyMethod)
                        {
                            ScanExtensions(value, at, Place.Operation);
                        }
                    }
                    else if (ApiGatewayExtensions.ReadPast.Contains(key))
                    {
                        continue;
                    }
                    else if (ApiGatewayExtensions.Refused.TryGetValue(key, out var why))
                    {
                        _refused.Add(new DefinitionFinding(at, key, why));
                    }
                    else
                    {
                        _refused.Add(new DefinitionFinding(at, key, $"'{key}' is an API Gateway extension ApiAuth does not know, so it cannot enforce what it asks for."));
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ScanExtensions(array[i], Index(path, i), Place.Other);
                }
                break;
        }
    }

    private static Place Next(Place place, string key) => (place, key) switch
    {
        (Place.Root, "paths") => Place.Paths,
        (Place.Root, "securityDefinitions") => Place.Schemes,
        (Place.Root, "components") => Place.Components,
        (Place.Components, "securitySchemes") => Place.Schemes,
        (Place.Paths, _) => Place.PathItem,
        (Place.PathItem, _) when HttpMethods.Contains(key) => Place.Operation,
        (Place.Schemes, _) => Place.Scheme,
        _ => Place.Other,
    };

    private static string Describe(Place place) => place switch
    {
        Place.Root => "at the top level of the document",
        Place.PathItem => "in a path item",
        Place.Operation => "in an operation",
        _ => "in a security scheme",
    };

    private string? StageFromBasePath(JsonObject root) =>
        root["basePath"] is { } basePath ? StageOf(Text(basePath), Property(Root, "basePath")) : null;

    private string? StageFromServers(JsonObject root)
    {
        if (root["servers"] is not JsonArray servers)
        {
            return null;
        }
        string? stage = null;
        for (var i = 0; i < servers.Count; i++)
        {
            var at = Index(Property(Root, "servers"), i);
            if (servers[i] is not JsonObject server || Text(server["url"]) is not { } url)
            {
                Error(at, "a server needs a 'url'.");
                continue;
            }
            // {basePath} and other variables take their defaults, as API Gateway's export writes them.
            if (server["variables"] is JsonObject variables)
            {
                foreach (var (name, variable) in variables)
                {
                    url = url.Replace("{" + name + "}", Text((variable as JsonObject)?["default"]) ?? "", StringComparison.Ordinal);
                }
            }
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            var pathStart = schemeEnd < 0 ? 0 : url.IndexOf('/', schemeEnd + 3);
            var path = pathStart < 0 ? "/" : url[pathStart..];
            var found = StageOf(path, Property(at, "url"));
            if (found is not null && stage is not null && found != stage)
            {
                Error(at, $"names stage '{found}' where an earlier server names '{stage}'; a definition is one stage.");
                continue;
            }
            stage ??= found;
        }
        return stage;
    }

    private string? StageOf(string? basePath, string at)
    {
        var segments = (basePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }
        if (segments.Length > 1 || segments[0].AsSpan().ContainsAny("{}:* "))
        {
            Error(at, $"the base path '{basePath}' is not a stage name (one segment such as /prod).");
            return null;
        }
        return segments[0];
    }

    private void ReadScheme(string name, JsonNode? value, string at)
    {
        if (value is not JsonObject scheme)
        {
            Error(at, "a security scheme is an object.");
            return;
        }
        var authType = Text(scheme[ApiGatewayExtensions.AuthType]);
        if (scheme[ApiGatewayExtensions.Authorizer] is { } authorizerNode)
        {
            ReadAuthorizer(name, scheme, authorizerNode, at);
            return;
        }
        if (authType is not null && authType.StartsWith("aws", StringComparison.OrdinalIgnoreCase))
        {
            // "awsSigv4", and any term starting with "aws", is reserved for IAM (AWS: x-amazon-apigateway-authtype).
            _schemes[name] = new Scheme(SchemeKind.Iam, name);
            return;
        }
        if (authType is null && Text(scheme["type"]) == "apiKey" && string.Equals(Text(scheme["name"]), "x-api-key", StringComparison.OrdinalIgnoreCase) && Text(scheme["in"]) == "header")
        {
            _schemes[name] = new Scheme(SchemeKind.ApiKey, name);
            return;
        }
        Error(at, authType is null
            ? "is not a scheme API Gateway enforces: it has no x-amazon-apigateway-authtype (awsSigv4) and no x-amazon-apigateway-authorizer."
            : $"x-amazon-apigateway-authtype '{authType}' needs an x-amazon-apigateway-authorizer (or is awsSigv4 for IAM).");
    }

    private void ReadAuthorizer(string name, JsonObject scheme, JsonNode authorizerNode, string schemePath)
    {
        var at = Property(schemePath, ApiGatewayExtensions.Authorizer);
        if (authorizerNode is not JsonObject authorizer)
        {
            Error(at, "must be an object.");
            return;
        }
        var ok = true;
        foreach (var (key, _) in authorizer)
        {
            if (HttpApiAuthorizerKeys.Contains(key))
            {
                Error(Property(at, key), $"'{key}' belongs to HTTP API authorizers, which this version of ApiAuth does not read from a definition.");
                ok = false;
            }
            else if (!AuthorizerKeys.Contains(key))
            {
                _refused.Add(new DefinitionFinding(Property(at, key), key, $"'{key}' is not an authorizer setting ApiAuth knows, so it cannot enforce it."));
            }
        }
        var type = Text(authorizer["type"])?.ToLowerInvariant();
        var identitySource = Text(authorizer["identitySource"]);
        var expression = Text(authorizer["identityValidationExpression"]);
        var ttl = Ttl(authorizer["authorizerResultTtlInSeconds"], Property(at, "authorizerResultTtlInSeconds"), ref ok);
        var headerName = Text(scheme["name"]);
        var location = Text(scheme["in"]);
        switch (type)
        {
            case "token":
                if (identitySource is null)
                {
                    if (location != "header" || string.IsNullOrWhiteSpace(headerName))
                    {
                        Error(schemePath, "a token authorizer's scheme needs \"in\": \"header\" and the header's \"name\".");
                        return;
                    }
                    identitySource = "method.request.header." + headerName;
                }
                Add(new DefinitionAuthorizer(name, "TOKEN", identitySource, expression, ttl, null, schemePath), SchemeKind.Custom, ok);
                break;
            case "request":
                if (identitySource is null && !string.IsNullOrWhiteSpace(headerName) && headerName != "Unused")
                {
                    identitySource = location switch { "header" => "method.request.header." + headerName, "query" => "method.request.querystring." + headerName, _ => null };
                }
                if (expression is not null)
                {
                    Error(Property(at, "identityValidationExpression"), "applies only to token authorizers.");
                    ok = false;
                }
                Add(new DefinitionAuthorizer(name, "REQUEST", identitySource ?? "", null, ttl, null, schemePath), SchemeKind.Custom, ok);
                break;
            case "cognito_user_pools":
                var pool = UserPool(authorizer["providerARNs"], Property(at, "providerARNs"));
                if (pool is null)
                {
                    return;
                }
                var header = location == "header" && !string.IsNullOrWhiteSpace(headerName) ? "method.request.header." + headerName : identitySource;
                Add(new DefinitionAuthorizer(name, "COGNITO_USER_POOLS", header, null, ttl, pool, schemePath), SchemeKind.Cognito, ok);
                break;
            case "jwt":
                Error(Property(at, "type"), "JWT authorizers belong to HTTP APIs, which this version of ApiAuth does not read from a definition.");
                break;
            default:
                Error(Property(at, "type"), $"must be token, request or cognito_user_pools, got '{Text(authorizer["type"])}'.");
                break;
        }
    }

    private void Add(DefinitionAuthorizer authorizer, SchemeKind kind, bool ok)
    {
        if (ok)
        {
            _authorizers[authorizer.Name] = authorizer;
            _schemes[authorizer.Name] = new Scheme(kind, authorizer.Name);
        }
    }

    private int? Ttl(JsonNode? node, string at, ref bool ok)
    {
        if (node is null)
        {
            return null;
        }
        // The documentation types it as a string; exports write a number. Both are read.
        var text = node.GetValueKind() == JsonValueKind.Number ? node.ToJsonString() : Text(node);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) && ttl <= 3600)
        {
            return ttl;
        }
        Error(at, $"must be a whole number of seconds from 0 to 3600, got {node.ToJsonString()}.");
        ok = false;
        return null;
    }

    // arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example -> us-east-1_Example
    private string? UserPool(JsonNode? node, string at)
    {
        if (node is not JsonArray { Count: > 0 } arns)
        {
            Error(at, "a cognito_user_pools authorizer needs providerARNs, the user pool's ARN.");
            return null;
        }
        if (arns.Count > 1)
        {
            Error(at, "names more than one user pool; ApiAuth's Cognito authorizer checks one pool (split them into one authorizer each).");
            return null;
        }
        var arn = Text(arns[0]) ?? "";
        var parts = arn.Split(':');
        if (parts is not ["arn", _, "cognito-idp", _, _, var resource] || !resource.StartsWith("userpool/", StringComparison.Ordinal) || resource.Length == "userpool/".Length)
        {
            Error(Index(at, 0), $"is not a user pool ARN (arn:aws:cognito-idp:region:account:userpool/id), got '{arn}'.");
            return null;
        }
        return resource["userpool/".Length..];
    }

    private List<DefinitionRoute> ReadPaths(JsonObject root)
    {
        var routes = new List<DefinitionRoute>();
        var pathsAt = Property(Root, "paths");
        if (root["paths"] is not JsonObject paths)
        {
            Error(pathsAt, "a definition needs 'paths', the API's resources.");
            return routes;
        }
        var rootSecurity = root["security"];
        foreach (var (resource, itemNode) in paths)
        {
            var itemAt = Property(pathsAt, resource);
            if (!resource.StartsWith('/'))
            {
                Error(itemAt, "a resource path starts with '/'.");
                continue;
            }
            if (itemNode is not JsonObject item)
            {
                Error(itemAt, "a path item is an object of operations.");
                continue;
            }
            foreach (var (key, operationNode) in item)
            {
                var method = key == ApiGatewayExtensions.AnyMethod ? "ANY" : HttpMethods.Contains(key) ? key.ToUpperInvariant() : null;
                if (key == "$ref" || key == "trace")
                {
                    Error(Property(itemAt, key), key == "$ref" ? "path items by reference are not supported; write the operations in place." : "API Gateway REST APIs have no TRACE method.");
                    continue;
                }
                if (method is null)
                {
                    continue;
                }
                var at = Property(itemAt, key);
                if (operationNode is not JsonObject operation)
                {
                    Error(at, "an operation is an object.");
                    continue;
                }
                if (ReadOperation(operation, rootSecurity, at) is { } auth)
                {
                    routes.Add(new DefinitionRoute(method, resource, auth.Type, auth.Authorizer, auth.Scopes, at) { ApiKeyRequired = auth.ApiKeyRequired });
                }
            }
        }
        return routes;
    }

    private (string Type, string? Authorizer, string[] Scopes, bool ApiKeyRequired)? ReadOperation(JsonObject operation, JsonNode? rootSecurity, string at)
    {
        var security = operation.ContainsKey("security") ? operation["security"] : rootSecurity;
        var securityAt = operation.ContainsKey("security") ? Property(at, "security") : Property(Root, "security");
        Scheme? scheme = null;
        var scopes = new List<string>();
        var apiKey = false;
        var ok = true;
        if (security is JsonArray requirements)
        {
            for (var i = 0; i < requirements.Count; i++)
            {
                if (requirements[i] is not JsonObject requirement)
                {
                    Error(Index(securityAt, i), "a security requirement is an object.");
                    ok = false;
                    continue;
                }
                foreach (var (name, scopeNode) in requirement)
                {
                    var used = Property(Index(securityAt, i), name);
                    if (!_schemes.TryGetValue(name, out var found))
                    {
                        // API Gateway's exports name the API key requirement api_key, defined or not.
                        if (name == "api_key")
                        {
                            found = new Scheme(SchemeKind.ApiKey, name);
                        }
                        else
                        {
                            Error(used, $"names the security scheme '{name}', which is not defined (or could not be read).");
                            ok = false;
                            continue;
                        }
                    }
                    if (found.Kind == SchemeKind.ApiKey)
                    {
                        apiKey = true;
                        continue;
                    }
                    if (scheme is not null && scheme.Name != found.Name)
                    {
                        Error(used, $"names '{name}' beside '{scheme.Name}'; API Gateway applies one authorizer to a method.");
                        ok = false;
                        continue;
                    }
                    scheme = found;
                    if (scopeNode is JsonArray scopeList)
                    {
                        foreach (var scope in scopeList)
                        {
                            if (Text(scope) is { Length: > 0 } text && !scopes.Contains(text))
                            {
                                scopes.Add(text);
                            }
                        }
                    }
                }
            }
        }
        else if (security is not null)
        {
            Error(securityAt, "must be an array of security requirements.");
            ok = false;
        }

        string? authExtension = null;
        if (operation[ApiGatewayExtensions.Auth] is { } authNode)
        {
            var authAt = Property(at, ApiGatewayExtensions.Auth);
            authExtension = Text((authNode as JsonObject)?["type"])?.ToUpperInvariant();
            if (authExtension is not ("AWS_IAM" or "NONE"))
            {
                Error(authAt, $"type must be AWS_IAM or NONE, got {authNode.ToJsonString()}.");
                ok = false;
            }
            foreach (var (key, _) in (authNode as JsonObject) ?? [])
            {
                if (key != "type")
                {
                    _refused.Add(new DefinitionFinding(Property(authAt, key), key, $"'{key}' is not an x-amazon-apigateway-auth setting ApiAuth knows."));
                }
            }
        }
        if (!ok)
        {
            return null;
        }
        var type = scheme?.Kind switch
        {
            SchemeKind.Iam => "AWS_IAM",
            SchemeKind.Cognito => "COGNITO_USER_POOLS",
            SchemeKind.Custom => "CUSTOM",
            _ => authExtension ?? "NONE",
        };
        if (scheme is not null && authExtension is not null && authExtension != type)
        {
            Error(Property(at, ApiGatewayExtensions.Auth), $"says {authExtension} where the operation's security says {type} ('{scheme.Name}').");
            return null;
        }
        if (scopes.Count > 0 && type != "COGNITO_USER_POOLS")
        {
            Error(securityAt, $"scopes apply only to cognito_user_pools authorizers, not to {type}.");
            return null;
        }
        var authorizer = type is "COGNITO_USER_POOLS" or "CUSTOM" ? scheme!.Name : null;
        return (type, authorizer, [.. scopes], apiKey);
    }

    // HEADER or AUTHORIZER, as API Gateway's export writes it; absent means API Gateway's default, HEADER.
    private string? ReadApiKeySource(JsonObject root)
    {
        if (root[ApiGatewayExtensions.ApiKeySource] is not { } node)
        {
            return null;
        }
        var source = Text(node)?.ToUpperInvariant();
        if (source is "HEADER" or "AUTHORIZER")
        {
            return source;
        }
        Error(Property(Root, ApiGatewayExtensions.ApiKeySource), $"must be HEADER or AUTHORIZER, got {node.ToJsonString()}.");
        return null;
    }

    private string? ReadPolicy(JsonObject root)
    {
        var at = Property(Root, ApiGatewayExtensions.Policy);
        switch (root[ApiGatewayExtensions.Policy])
        {
            case null:
                return null;
            case JsonObject policy:
                return policy.ToJsonString();
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            default:
                Error(at, "must be a policy document (an object with Version and Statement).");
                return null;
        }
    }

    private Dictionary<string, DefinitionGatewayResponse> ReadGatewayResponses(JsonObject root)
    {
        var responses = new Dictionary<string, DefinitionGatewayResponse>(StringComparer.Ordinal);
        var at = Property(Root, ApiGatewayExtensions.GatewayResponses);
        if (root[ApiGatewayExtensions.GatewayResponses] is not { } node)
        {
            return responses;
        }
        if (node is not JsonObject map)
        {
            Error(at, "must be an object of gateway responses by type.");
            return responses;
        }
        foreach (var (type, responseNode) in map)
        {
            var typeAt = Property(at, type);
            if (responseNode is not JsonObject response)
            {
                Error(typeAt, "a gateway response is an object.");
                continue;
            }
            int? status = null;
            if (response["statusCode"] is { } statusNode)
            {
                var text = statusNode.GetValueKind() == JsonValueKind.Number ? statusNode.ToJsonString() : Text(statusNode);
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599)
                {
                    Error(Property(typeAt, "statusCode"), $"must be an HTTP status, got {statusNode.ToJsonString()}.");
                    continue;
                }
                status = code;
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (parameter, valueNode) in (response["responseParameters"] as JsonObject) ?? [])
            {
                var parameterAt = Property(Property(typeAt, "responseParameters"), parameter);
                var value = Text(valueNode) ?? "";
                const string HeaderPrefix = "gatewayresponse.header.";
                if (!parameter.StartsWith(HeaderPrefix, StringComparison.Ordinal) || value.Length < 2 || value[0] != '\'' || value[^1] != '\'')
                {
                    // Values mapped from the request (method.request.header.x, context.*) are not rendered by ApiAuth.
                    _refused.Add(new DefinitionFinding(parameterAt, "responseParameters", $"only static header values ('text') are supported, got '{parameter}': '{value}'."));
                    continue;
                }
                headers[parameter[HeaderPrefix.Length..]] = value[1..^1];
            }
            var template = Text((response["responseTemplates"] as JsonObject)?["application/json"]);
            responses[type] = new DefinitionGatewayResponse(status, headers, template);
        }
        return responses;
    }

    private void Error(string path, string message) => _errors.Add(new DefinitionFinding(path, "", message));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
