namespace ApiAuth.Model;

/// <summary>The kinds of authorizer an API can have, as API Gateway names them.</summary>
public enum AuthorizerKind
{
    /// <summary><c>COGNITO_USER_POOLS</c>: tokens of one Cognito user pool.</summary>
    CognitoUserPools,

    /// <summary><c>JWT</c>: tokens of an OpenID Connect issuer.</summary>
    Jwt,

    /// <summary><c>TOKEN</c>: a custom authorizer given one header's token.</summary>
    Token,

    /// <summary><c>REQUEST</c>: a custom authorizer given the request's identity sources.</summary>
    Request,
}
