namespace ApiAuth.Authorizers.Jwt;

/// <summary>Settings of a generic OIDC JWT authorizer, as API Gateway HTTP APIs' JWT authorizer has them.</summary>
public sealed class JwtAuthorizerOptions
{
    /// <summary>Tokens this large (in characters) or larger are rejected before parsing, unless configured otherwise.</summary>
    public const int DefaultMaximumTokenSize = 8192;

    /// <summary>The exact <c>iss</c> value, e.g. <c>https://example.auth0.com/</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>Accepted audiences: the token's <c>aud</c> must be one of them, or, when it has no <c>aud</c>, its <c>client_id</c>.</summary>
    public required IReadOnlyCollection<string> Audiences { get; init; }

    /// <summary>Tolerance for clock differences on <c>exp</c>, <c>nbf</c> and <c>iat</c>; default none.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.Zero;

    /// <summary>The largest token accepted, in characters.</summary>
    public int MaximumTokenSize { get; init; } = DefaultMaximumTokenSize;
}
