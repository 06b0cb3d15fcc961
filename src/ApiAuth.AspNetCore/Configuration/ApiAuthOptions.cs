namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// The API ApiAuth stands in front of, as API Gateway would configure it: identity (region, account, API id,
/// stage), the resource policy, IAM credentials, authorizers and gateway responses. Bound from the <c>ApiAuth</c>
/// configuration section; validated at start-up.
/// </summary>
public sealed class ApiAuthOptions
{
    /// <summary>The region in method ARNs and SigV4 scopes. Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The 12-digit account that owns the API.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>The API id in method ARNs.</summary>
    public string ApiId { get; set; } = "api";

    /// <summary>The stage in method ARNs. A definition whose base path names a stage sets it; both naming different
    /// stages is an error.</summary>
    public string Stage
    {
        get => _stage;
        set
        {
            _stage = value;
            StageIsSet = true;
        }
    }

    private string _stage = "prod";

    /// <summary>Whether <see cref="Stage"/> was set (so a definition's stage can be checked against it).</summary>
    internal bool StageIsSet { get; private set; }

    /// <summary>
    /// An API Gateway OpenAPI 3 / Swagger 2.0 export (JSON or YAML, relative to <see cref="BaseDirectory"/>) whose
    /// routes, authorizers, resource policy and gateway responses ApiAuth enforces; the settings beside it complete it.
    /// </summary>
    public string? Definition { get; set; }

    /// <summary>With a <see cref="Definition"/>: what a request that matches none of its routes gets.
    /// <c>MissingAuthenticationToken</c> (default: 403, as API Gateway) or <c>PassThrough</c> (the app answers).</summary>
    public string UnmatchedRoutes { get; set; } = UnmatchedRoutesMissingAuthenticationToken;

    /// <summary>Definition items accepted as not enforced, by extension name (<c>x-amazon-apigateway-request-validators</c>)
    /// or by JSON path.</summary>
    public IList<string> Ignore { get; } = [];

    internal const string UnmatchedRoutesMissingAuthenticationToken = "MissingAuthenticationToken";
    internal const string UnmatchedRoutesPassThrough = "PassThrough";

    /// <summary>The resource policy as JSON; null or empty = no resource policy.</summary>
    public string? ResourcePolicy { get; set; }

    /// <summary>A file holding the resource policy (used when <see cref="ResourcePolicy"/> is empty).</summary>
    public string? ResourcePolicyFile { get; set; }

    /// <summary>The stage's variables, as <c>stageVariables.*</c> identity sources of REQUEST authorizers see them.</summary>
    public IDictionary<string, string> StageVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>IAM access keys that may sign requests.</summary>
    public IList<CredentialOptions> Credentials { get; } = [];

    /// <summary>Cognito, JWT, TOKEN and REQUEST authorizers by name.</summary>
    public IDictionary<string, AuthorizerOptions> Authorizers { get; } = new Dictionary<string, AuthorizerOptions>(StringComparer.Ordinal);

    /// <summary>Routes' auth by <c>METHOD /path</c> (API Gateway's resource path, e.g. <c>GET /pets/{id}</c>), for
    /// endpoints that do not say it in code.</summary>
    public IDictionary<string, RouteAuthorizationOptions> Routes { get; } = new Dictionary<string, RouteAuthorizationOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Overrides of gateway responses by type (<c>ACCESS_DENIED</c>, <c>UNAUTHORIZED</c>, ...).</summary>
    public IDictionary<string, GatewayResponseOptions> GatewayResponses { get; } = new Dictionary<string, GatewayResponseOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest body buffered to verify a SigV4 payload hash; larger requests get 413. Default 10 MiB, as API Gateway.</summary>
    public long MaxBodySize { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// Proxies (addresses or CIDR ranges) whose <see cref="ForwardedForHeader"/> is believed for <c>aws:SourceIp</c>:
    /// the rightmost hop that is not a trusted proxy. A request from one of them whose header gives no readable
    /// address is refused (403), never evaluated without a source address.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>
    /// The header a trusted proxy puts the client address in. Default <c>X-Forwarded-For</c>; <c>Forwarded</c> reads
    /// RFC 7239 elements (<c>for=192.0.2.7;proto=https</c>).
    /// </summary>
    public string ForwardedForHeader { get; set; } = "X-Forwarded-For";

    /// <summary>A header set by trusted infrastructure carrying the VPC endpoint id (<c>aws:SourceVpce</c>); null = none.
    /// Only honoured from <see cref="TrustedProxies"/>, which must then be configured.</summary>
    public string? SourceVpceHeader { get; set; }

    /// <summary>A header set by trusted infrastructure carrying the VPC id (<c>aws:SourceVpc</c>); null = none.
    /// Only honoured from <see cref="TrustedProxies"/>, which must then be configured.</summary>
    public string? SourceVpcHeader { get; set; }

    /// <summary>
    /// Whether a header-signed SigV4 request may declare <c>x-amz-content-sha256: UNSIGNED-PAYLOAD</c>, leaving its
    /// body unsigned (a captured request could then be sent with another body). Default false, as API Gateway
    /// (only S3 has this option). Presigned URLs and <c>STREAMING-*</c> values are refused either way.
    /// </summary>
    public bool AllowUnsignedPayload { get; set; }

    /// <summary>How far a SigV4 request's date may be from now. Default 5 minutes, as API Gateway.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where requests carry their API key: <c>HEADER</c> (<c>x-api-key</c>, the default) or <c>AUTHORIZER</c>
    /// (the custom authorizer's <c>usageIdentifierKey</c>).</summary>
    public string ApiKeySource { get; set; } = "HEADER";

    /// <summary>API keys for routes with <c>ApiKeyRequired</c>; an <c>IApiKeyStore</c> in DI adds more.</summary>
    public IList<ApiKeyOptions> ApiKeys { get; } = [];

    /// <summary>Usage plans by name: the throttle and quota of their API keys.</summary>
    public IDictionary<string, UsagePlanOptions> UsagePlans { get; } = new Dictionary<string, UsagePlanOptions>(StringComparer.Ordinal);

    /// <summary>A StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379,asyncTimeout=250</c>) for usage plan
    /// counters shared by every instance; null counts in each process (or uses an <c>IConnectionMultiplexer</c> from DI).</summary>
    public string? Redis { get; set; }

    /// <summary>When Redis does not answer: <c>LocalFallback</c> (default: count in this process, log a Warning) or
    /// <c>Deny</c> (answer 503). Authentication and authorization never depend on Redis.</summary>
    public string OnRedisFailure { get; set; } = "LocalFallback";

    /// <summary>The folder relative file paths resolve against (the config file's folder); default the content root.</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>What binding from configuration found wrong (unknown keys, wrong types); reported at start-up.</summary>
    internal List<string> ConfigurationProblems { get; } = [];
}

/// <summary>An IAM access key and the identity behind it.</summary>
public sealed class CredentialOptions
{
    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; set; } = "";

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; set; } = "";

    /// <summary>The session token of temporary credentials.</summary>
    public string? SessionToken { get; set; }

    /// <summary>The IAM principal ARN.</summary>
    public string PrincipalArn { get; set; } = "";

    /// <summary>The principal's unique id (<c>aws:userid</c>).</summary>
    public string? UserId { get; set; }

    /// <summary>Principal tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Identity policies, each as JSON.</summary>
    public IList<string> Policies { get; } = [];
}

/// <summary>An authorizer: <c>COGNITO_USER_POOLS</c>, <c>JWT</c>, <c>TOKEN</c> or <c>REQUEST</c>.</summary>
public sealed class AuthorizerOptions
{
    /// <summary><c>COGNITO_USER_POOLS</c>, <c>JWT</c>, <c>TOKEN</c> or <c>REQUEST</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Cognito: the user pool id, e.g. <c>us-east-1_Example</c>.</summary>
    public string? UserPoolId { get; set; }

    /// <summary>Cognito: the app client ids tokens may be issued to.</summary>
    public IList<string> AppClientIds { get; } = [];

    /// <summary>JWT: the issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>JWT: accepted audiences.</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>A JWKS file (offline).</summary>
    public string? JwksFile { get; set; }

    /// <summary>A JWKS URL; default the issuer's <c>/.well-known/jwks.json</c>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>TOKEN/REQUEST: identity sources, comma-separated, e.g. <c>method.request.header.Authorization</c>.
    /// COGNITO_USER_POOLS/JWT: the header holding the token (default <c>method.request.header.Authorization</c>).</summary>
    public string? IdentitySource { get; set; }

    /// <summary>TOKEN: a regular expression the token must match before the authorizer is invoked.</summary>
    public string? IdentityValidationExpression { get; set; }

    /// <summary>Result cache TTL in seconds, 0 to 3600; default 300; 0 turns the cache off. TOKEN/REQUEST: the
    /// authorizer's answer by identity. COGNITO_USER_POOLS/JWT: an allowed token's claims by exact token, each hit
    /// still checking expiry, the route's scopes and that the signing key is still published.</summary>
    public int ResultTtlInSeconds
    {
        get => _resultTtlInSeconds;
        set
        {
            _resultTtlInSeconds = value;
            ResultTtlIsSet = true;
        }
    }

    private int _resultTtlInSeconds = 300;

    /// <summary>Whether <see cref="ResultTtlInSeconds"/> was set: it then overrides a definition's TTL.</summary>
    internal bool ResultTtlIsSet { get; private set; }

    /// <summary>Where the authorizer comes from when a definition declares it, for messages; null = configuration.</summary>
    internal string? Source { get; set; }
}

/// <summary>An override of one gateway response type, as API Gateway allows.</summary>
public sealed class GatewayResponseOptions
{
    /// <summary>The status to send instead of the default.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Headers to add.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The body template (JSON). <c>$context.error.message</c>, <c>$context.error.messageString</c> (quoted JSON
    /// string) and <c>$context.error.responseType</c> are replaced. Default <c>{"message":$context.error.messageString}</c>.
    /// </summary>
    public string? BodyTemplate { get; set; }
}
