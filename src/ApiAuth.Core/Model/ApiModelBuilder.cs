using ApiAuth.Arns;
using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Model;

/// <summary>
/// Collects an API's settings (from configuration, a definition or code) and checks them whole: <see cref="Build"/>
/// reports every problem at once, each with its configuration path (<c>ApiAuth:Authorizers:cognito:UserPoolId</c>),
/// and gives an <see cref="ApiModel"/> only when there is none.
/// </summary>
public sealed class ApiModelBuilder
{
    private readonly string _section;

    /// <summary>Creates a builder whose messages name paths under <paramref name="section"/>.</summary>
    /// <param name="section">The configuration section the settings come from; default <c>ApiAuth</c>.</param>
    public ApiModelBuilder(string section = "ApiAuth")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        _section = section;
    }

    /// <summary>The region in method ARNs and SigV4 scopes.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The 12-digit account that owns the API.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The API id in method ARNs.</summary>
    public string ApiId { get; set; } = "api";

    /// <summary>The stage in method ARNs.</summary>
    public string Stage { get; set; } = "prod";

    /// <summary>The resource policy as JSON; null or empty for none.</summary>
    public string? ResourcePolicy { get; set; }

    /// <summary>A file holding the resource policy, read when <see cref="ResourcePolicy"/> is empty.</summary>
    public string? ResourcePolicyFile { get; set; }

    /// <summary>Where the resource policy was declared when not in <see cref="ResourcePolicy"/>, for messages.</summary>
    public string? ResourcePolicyOrigin { get; set; }

    /// <summary>The folder relative files (resource policy, JWKS) are read from; default the current directory.</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>The stage's variables.</summary>
    public IDictionary<string, string> StageVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>IAM access keys that may sign requests.</summary>
    public IList<CredentialSettings> Credentials { get; } = [];

    /// <summary>Authorizers by name.</summary>
    public IDictionary<string, AuthorizerSettings> Authorizers { get; } = new Dictionary<string, AuthorizerSettings>(StringComparer.Ordinal);

    /// <summary>Routes' auth by <c>METHOD /path</c>.</summary>
    public IDictionary<string, RouteSettings> Routes { get; } = new Dictionary<string, RouteSettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gateway response overrides by type.</summary>
    public IDictionary<string, GatewayResponseSettings> GatewayResponses { get; } = new Dictionary<string, GatewayResponseSettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How far a SigV4 request's date may be from now; default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a header-signed request may leave its payload unsigned; default false.</summary>
    public bool AllowUnsignedPayload { get; set; }

    /// <summary>The largest body buffered to verify a SigV4 payload hash; default 10 MiB.</summary>
    public long MaxBodySize { get; set; } = 10 * 1024 * 1024;

    /// <summary>Builds the model, or throws with every problem found.</summary>
    /// <exception cref="ApiModelException">The settings have problems.</exception>
    public ApiModel Build() => TryBuild(out var model, out var problems) ? model : throw new ApiModelException(problems);

    /// <summary>Builds the model when the settings have no problem.</summary>
    /// <param name="model">The model, or null.</param>
    /// <param name="problems">Every problem found, each naming its path; empty when the model was built.</param>
    /// <returns>Whether the model was built.</returns>
    public bool TryBuild([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApiModel? model, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var api = new RestApiReference(Region, AccountId, ApiId);
        CheckIdentity(errors);
        var authorizers = BuildAuthorizers(errors);
        var routes = BuildRoutes(errors);
        var resourcePolicy = LoadResourcePolicy(api, errors);
        var credentials = BuildCredentials(errors);
        var signing = new SigV4VerifierOptions { Regions = [Region], ClockSkew = ClockSkew, AllowUnsignedPayload = AllowUnsignedPayload };
        try
        {
            signing.Validate();
            _ = new InMemoryCredentialStore(credentials);
        }
        catch (ArgumentException exception)
        {
            errors.Add($"{_section}:Credentials: {exception.Message}");
        }
        if (MaxBodySize is < 0 or > int.MaxValue)
        {
            errors.Add($"{_section}:MaxBodySize must be between 0 and {int.MaxValue} bytes.");
        }
        var responses = BuildGatewayResponses(errors);

        var built = new ApiModel(api, Stage)
        {
            ResourcePolicy = resourcePolicy,
            Authorizers = authorizers,
            Routes = routes,
            GatewayResponses = responses,
            StageVariables = new Dictionary<string, string>(StageVariables, StringComparer.Ordinal),
            Credentials = credentials,
            Signing = signing,
            MaxBodySize = MaxBodySize,
        };
        if (errors.Count == 0)
        {
            // Compiling the callers' identity policies both checks them and spares their first requests the work.
            for (var i = 0; i < credentials.Count; i++)
            {
                if (built.Callers.Get(credentials[i]).Error is { } error)
                {
                    errors.Add($"{_section}:Credentials:{i}: {error}");
                }
            }
        }
        problems = errors;
        model = errors.Count == 0 ? built : null;
        return model is not null;
    }

    private void CheckIdentity(List<string> errors)
    {
        if (AccountId is not { Length: 12 } || !AccountId.All(char.IsAsciiDigit))
        {
            errors.Add($"{_section}:AccountId must be a 12-digit account id, got '{AccountId}'.");
        }
        foreach (var (name, value) in new[] { ("Region", Region), ("ApiId", ApiId), ("Stage", Stage) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.AsSpan().ContainsAny("/:* "))
            {
                errors.Add($"{_section}:{name} must be a non-empty name without '/', ':', '*' or spaces, got '{value}'.");
            }
        }
    }

    private Dictionary<string, ApiAuthorizer> BuildAuthorizers(List<string> errors)
    {
        var built = new Dictionary<string, ApiAuthorizer>(StringComparer.Ordinal);
        foreach (var (name, authorizer) in Authorizers)
        {
            var where = authorizer.Origin ?? $"{_section}:Authorizers:{name}";
            try
            {
                if (BuildAuthorizer(name, authorizer, where, errors) is { } model)
                {
                    built[name] = model;
                }
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException)
            {
                errors.Add($"{where}: {exception.Message}");
            }
        }
        return built;
    }

    private ApiAuthorizer? BuildAuthorizer(string name, AuthorizerSettings authorizer, string where, List<string> errors)
    {
        switch (authorizer.Type.Trim().ToUpperInvariant())
        {
            case "COGNITO_USER_POOLS":
                if (string.IsNullOrWhiteSpace(authorizer.UserPoolId) || authorizer.AppClientIds.Count == 0)
                {
                    errors.Add($"{where} needs UserPoolId and at least one AppClientIds entry.");
                    return null;
                }
                var cognito = new CognitoUserPoolAuthorizerOptions { UserPoolId = authorizer.UserPoolId, AppClientIds = [.. authorizer.AppClientIds], ResultTtl = TokenResultTtl(authorizer) };
                CognitoUserPoolAuthorizer.Validate(cognito);
                return new ApiAuthorizer(name, AuthorizerKind.CognitoUserPools, where)
                {
                    Cognito = cognito, TokenHeader = TokenHeader(authorizer), JwksFile = JwksFile(authorizer), JwksUri = JwksUri(authorizer, () => CognitoUserPoolAuthorizer.JwksUriFor(authorizer.UserPoolId)),
                };
            case "JWT":
                if (string.IsNullOrWhiteSpace(authorizer.Issuer) || authorizer.Audiences.Count == 0)
                {
                    errors.Add($"{where} needs Issuer and at least one Audiences entry.");
                    return null;
                }
                var jwt = new JwtAuthorizerOptions { Issuer = authorizer.Issuer, Audiences = [.. authorizer.Audiences], ResultTtl = TokenResultTtl(authorizer) };
                JwtAuthorizer.Validate(jwt);
                return new ApiAuthorizer(name, AuthorizerKind.Jwt, where)
                {
                    Jwt = jwt, TokenHeader = TokenHeader(authorizer), JwksFile = JwksFile(authorizer), JwksUri = JwksUri(authorizer, () => JwtAuthorizer.JwksUriFor(authorizer.Issuer)),
                };
            case "TOKEN":
                return new ApiAuthorizer(name, AuthorizerKind.Token, where)
                {
                    Custom = CustomAuthorizerDefinition.Token(name, authorizer.IdentitySource ?? "method.request.header.Authorization", authorizer.IdentityValidationExpression, authorizer.ResultTtlInSeconds),
                };
            case "REQUEST":
                return new ApiAuthorizer(name, AuthorizerKind.Request, where)
                {
                    Custom = CustomAuthorizerDefinition.Request(name, authorizer.IdentitySource ?? "", authorizer.ResultTtlInSeconds),
                };
            default:
                errors.Add($"{where}:Type must be COGNITO_USER_POOLS, JWT, TOKEN or REQUEST, got '{authorizer.Type}'.");
                return null;
        }
    }

    // A token authorizer's identity source must be one header (API Gateway allows nothing else for Cognito).
    private static string? TokenHeader(AuthorizerSettings authorizer)
    {
        if (string.IsNullOrWhiteSpace(authorizer.IdentitySource))
        {
            return null;
        }
        var source = IdentitySource.Parse(authorizer.IdentitySource.Trim());
        return source.Kind == IdentitySourceKind.Header
            ? source.Name
            : throw new ArgumentException($"IdentitySource of a {authorizer.Type} authorizer must be method.request.header.<name>, got '{authorizer.IdentitySource}'.");
    }

    // The same range and message as a TOKEN/REQUEST authorizer's TTL; 0 turns the Cognito/JWT result cache off.
    private static TimeSpan TokenResultTtl(AuthorizerSettings authorizer) =>
        authorizer.ResultTtlInSeconds is >= 0 and <= 3600
            ? TimeSpan.FromSeconds(authorizer.ResultTtlInSeconds)
            : throw new ArgumentOutOfRangeException("ResultTtlInSeconds", authorizer.ResultTtlInSeconds, "The result TTL must be between 0 and 3600 seconds (0 turns caching off).");

    private string? JwksFile(AuthorizerSettings authorizer) =>
        string.IsNullOrWhiteSpace(authorizer.JwksFile) ? null : Path.GetFullPath(Path.Combine(BaseDirectory ?? Directory.GetCurrentDirectory(), authorizer.JwksFile));

    private static Uri? JwksUri(AuthorizerSettings authorizer, Func<Uri> issuerDefault)
    {
        if (!string.IsNullOrWhiteSpace(authorizer.JwksFile))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(authorizer.JwksUri))
        {
            return issuerDefault();
        }
        return Uri.TryCreate(authorizer.JwksUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new FormatException($"JwksUri must be an absolute http(s) URL, got '{authorizer.JwksUri}'.");
    }

    private List<ApiRoute> BuildRoutes(List<string> errors)
    {
        var routes = new List<ApiRoute>();
        var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, route) in Routes)
        {
            var where = route.Origin ?? $"{_section}:Routes:{key}";
            if (!RouteKey.TryParse(key, out var method, out var path))
            {
                errors.Add($"{where}: a route is 'METHOD /path' with METHOD one of {string.Join(", ", RouteKey.Methods)} and a path such as /pets/{{id}} or /files/{{proxy+}}.");
                continue;
            }
            if (Authorization(route, where, errors) is not { } authorization)
            {
                continue;
            }
            if (!shapes.TryAdd(method + " " + RouteKey.Shape(path), key))
            {
                errors.Add($"{where} and {_section}:Routes:{shapes[method + " " + RouteKey.Shape(path)]} are the same route.");
                continue;
            }
            routes.Add(new ApiRoute(method, path, authorization, where));
        }
        return routes;
    }

    private MethodAuthorization? Authorization(RouteSettings route, string where, List<string> errors)
    {
        AuthorizationType? type = route.AuthorizationType.Trim().ToUpperInvariant() switch
        {
            "NONE" => AuthorizationType.None,
            "AWS_IAM" => AuthorizationType.AwsIam,
            "COGNITO_USER_POOLS" => AuthorizationType.CognitoUserPools,
            "CUSTOM" => AuthorizationType.Custom,
            _ => null,
        };
        if (type is not { } known)
        {
            errors.Add($"{where}:AuthorizationType must be NONE, AWS_IAM, COGNITO_USER_POOLS or CUSTOM, got '{route.AuthorizationType}'.");
            return null;
        }
        var needsAuthorizer = known is AuthorizationType.CognitoUserPools or AuthorizationType.Custom;
        if (needsAuthorizer != !string.IsNullOrWhiteSpace(route.Authorizer))
        {
            errors.Add(needsAuthorizer
                ? $"{where}:Authorizer is required for {route.AuthorizationType}: name an entry of {_section}:Authorizers."
                : $"{where}:Authorizer does not apply to {route.AuthorizationType}.");
            return null;
        }
        if (route.AuthorizationScopes.Count > 0 && known != AuthorizationType.CognitoUserPools)
        {
            errors.Add($"{where}:AuthorizationScopes apply only to COGNITO_USER_POOLS.");
            return null;
        }
        if (needsAuthorizer)
        {
            string[] kinds = known == AuthorizationType.Custom ? ["TOKEN", "REQUEST"] : ["COGNITO_USER_POOLS", "JWT"];
            if (!Authorizers.TryGetValue(route.Authorizer!, out var authorizer) || !kinds.Contains(authorizer.Type.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{where}:Authorizer '{route.Authorizer}' must name a {string.Join(" or ", kinds)} entry of {_section}:Authorizers.");
                return null;
            }
        }
        return new MethodAuthorization(known, needsAuthorizer ? route.Authorizer : null, [.. route.AuthorizationScopes]) { ApiKeyRequired = route.ApiKeyRequired };
    }

    private CompiledPolicy? LoadResourcePolicy(RestApiReference api, List<string> errors)
    {
        var json = ResourcePolicy;
        var source = ResourcePolicyOrigin ?? $"{_section}:ResourcePolicy";
        if (string.IsNullOrWhiteSpace(json) && !string.IsNullOrWhiteSpace(ResourcePolicyFile))
        {
            var path = Path.Combine(BaseDirectory ?? Directory.GetCurrentDirectory(), ResourcePolicyFile);
            source = $"{_section}:ResourcePolicyFile ({path})";
            try
            {
                json = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{source} cannot be read: {exception.Message}");
                return null;
            }
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        var loaded = PolicyCompiler.Load(json, new PolicyCompileOptions("resource policy", PolicyKind.Resource, api));
        if (!loaded.IsValid)
        {
            errors.Add($"{source} is not a valid resource policy: {loaded.ErrorMessage}");
        }
        return loaded.Policy;
    }

    private List<AccessKeyCredential> BuildCredentials(List<string> errors)
    {
        var credentials = new List<AccessKeyCredential>();
        for (var i = 0; i < Credentials.Count; i++)
        {
            var entry = Credentials[i];
            try
            {
                credentials.Add(new AccessKeyCredential(entry.AccessKeyId, entry.SecretAccessKey, entry.PrincipalArn)
                {
                    SessionToken = string.IsNullOrEmpty(entry.SessionToken) ? null : entry.SessionToken,
                    UserId = entry.UserId,
                    Tags = new Dictionary<string, string>(entry.Tags),
                    IdentityPolicies = [.. entry.Policies],
                });
            }
            catch (ArgumentException exception)
            {
                errors.Add($"{_section}:Credentials:{i}: {exception.Message}");
            }
        }
        return credentials;
    }

    private Dictionary<string, GatewayResponseOverride> BuildGatewayResponses(List<string> errors)
    {
        var responses = new Dictionary<string, GatewayResponseOverride>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, response) in GatewayResponses)
        {
            if (!GatewayResponseTypes.All.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{_section}:GatewayResponses:{type} is not a gateway response type; use one of {string.Join(", ", GatewayResponseTypes.All)}.");
                continue;
            }
            if (response.StatusCode is < 100 or > 599)
            {
                errors.Add($"{_section}:GatewayResponses:{type}:StatusCode must be an HTTP status between 100 and 599, got {response.StatusCode}.");
                continue;
            }
            responses[type] = new GatewayResponseOverride(type, response.StatusCode, new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase), response.BodyTemplate);
        }
        return responses;
    }
}
