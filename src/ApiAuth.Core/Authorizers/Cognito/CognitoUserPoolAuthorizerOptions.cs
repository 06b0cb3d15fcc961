using ApiAuth.Authorizers.Jwt;

namespace ApiAuth.Authorizers.Cognito;

/// <summary>Settings of a Cognito user-pool authorizer (API Gateway's <c>COGNITO_USER_POOLS</c>).</summary>
public sealed class CognitoUserPoolAuthorizerOptions
{
    /// <summary>The pool id, e.g. <c>us-east-1_AbCdEf123</c>; the part before <c>_</c> is the pool's region.</summary>
    public required string UserPoolId { get; init; }

    /// <summary>Optional: the pool's region, e.g. <c>us-east-1</c>. When set it must agree with the pool id's prefix.</summary>
    public string? Region { get; init; }

    /// <summary>The app clients whose tokens are accepted (<c>aud</c> of id tokens, <c>client_id</c> of access tokens).</summary>
    public required IReadOnlyCollection<string> AppClientIds { get; init; }

    /// <summary>Tolerance for clock differences on <c>exp</c>, <c>nbf</c> and <c>iat</c>; default none, as aws-jwt-verify.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.Zero;

    /// <summary>The largest token accepted, in characters.</summary>
    public int MaximumTokenSize { get; init; } = JwtAuthorizerOptions.DefaultMaximumTokenSize;

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
