namespace ApiAuth.Model;

/// <summary>An authorizer as configured (checked by <see cref="ApiModelBuilder"/>): <c>COGNITO_USER_POOLS</c>,
/// <c>JWT</c>, <c>TOKEN</c> or <c>REQUEST</c>, with the settings of its kind.</summary>
public sealed class AuthorizerSettings
{
    /// <summary><c>COGNITO_USER_POOLS</c>, <c>JWT</c>, <c>TOKEN</c> or <c>REQUEST</c> (any case).</summary>
    public string Type { get; set; } = "";

    /// <summary>Cognito: the user pool id, e.g. <c>us-east-1_Example</c>.</summary>
    public string? UserPoolId { get; set; }

    /// <summary>Cognito: the app client ids tokens may be issued to.</summary>
    public IList<string> AppClientIds { get; } = [];

    /// <summary>JWT: the issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>JWT: accepted audiences.</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>Cognito and JWT: a JWKS file, relative to <see cref="ApiModelBuilder.BaseDirectory"/>.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Cognito and JWT: a JWKS URL; default the issuer's <c>/.well-known/jwks.json</c>.</summary>
    public string? JwksUri { get; set; }

    /// <summary>TOKEN/REQUEST: identity sources, comma-separated. Cognito/JWT: the header holding the token.</summary>
    public string? IdentitySource { get; set; }

    /// <summary>TOKEN: a regular expression the token must match before the authorizer is invoked.</summary>
    public string? IdentityValidationExpression { get; set; }

    /// <summary>Result cache TTL in seconds, 0 to 3600; default 300; 0 turns the cache off.</summary>
    public int ResultTtlInSeconds { get; set; } = 300;

    /// <summary>Where the authorizer was declared, for messages; null = its configuration path.</summary>
    public string? Origin { get; set; }
}
