namespace ApiAuth.Authorizers.Jwt;

/// <summary>Settings of a generic OIDC JWT authorizer, as API Gateway HTTP APIs' JWT authorizer has them.</summary>
public sealed class JwtAuthorizerOptions
{
    /// <summary>Tokens this large (in characters) or larger are rejected before parsing, unless configured otherwise.</summary>
    public const int DefaultMaximumTokenSize = 8192;

    /// <summary>API Gateway's default result TTL, 300 seconds.</summary>
    public static readonly TimeSpan DefaultResultTtl = TimeSpan.FromSeconds(300);

    /// <summary>The longest result TTL API Gateway allows, 3600 seconds.</summary>
    public static readonly TimeSpan MaximumResultTtl = TimeSpan.FromSeconds(3600);

    internal const int DefaultResultCacheEntryLimit = 10_000;

    // 32 MiB: about 7,000 typical Cognito tokens (some 4.5 KB each with their claims), never more than the entry limit.
    internal const long DefaultResultCacheByteLimit = 32L * 1024 * 1024;

    /// <summary>Throws unless <paramref name="ttl"/> is from zero to <see cref="MaximumResultTtl"/>.</summary>
    internal static void CheckResultTtl(TimeSpan ttl)
    {
        if (ttl < TimeSpan.Zero || ttl > MaximumResultTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(ResultTtl), ttl, "The result TTL must be between 0 and 3600 seconds (0 turns caching off).");
        }
    }

    /// <summary>The exact <c>iss</c> value, e.g. <c>https://example.auth0.com/</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>Accepted audiences: the token's <c>aud</c> must be one of them, or, when it has no <c>aud</c>, its <c>client_id</c>.</summary>
    public required IReadOnlyCollection<string> Audiences { get; init; }

    /// <summary>Tolerance for clock differences on <c>exp</c>, <c>nbf</c> and <c>iat</c>; default none.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.Zero;

    /// <summary>The largest token accepted, in characters.</summary>
    public int MaximumTokenSize { get; init; } = DefaultMaximumTokenSize;

    /// <summary>
    /// How long an allowed token's result is cached (API Gateway's <c>authorizerResultTtlInSeconds</c>): 0 to 3600
    /// seconds, default 300; zero turns the cache off. A hit still re-checks <c>exp</c>, <c>nbf</c> and <c>iat</c>
    /// with the skew, the route's scopes, and that the signing key is still in the key set.
    /// </summary>
    public TimeSpan ResultTtl { get; init; } = JwtAuthorizerOptions.DefaultResultTtl;

    /// <summary>The most results the cache holds.</summary>
    internal int ResultCacheEntryLimit { get; init; } = JwtAuthorizerOptions.DefaultResultCacheEntryLimit;

    /// <summary>The most estimated bytes (tokens and claims) the cache holds.</summary>
    internal long ResultCacheByteLimit { get; init; } = JwtAuthorizerOptions.DefaultResultCacheByteLimit;
}
