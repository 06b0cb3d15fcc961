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
}
