namespace ApiAuth.Authorizers.Custom;

/// <summary>The two kinds of Lambda-style authorizer API Gateway supports.</summary>
public enum CustomAuthorizerType
{
    /// <summary>Gets one bearer token from a header (and the method ARN).</summary>
    Token,

    /// <summary>Gets the request's headers, query string, path parameters, stage variables and context.</summary>
    Request,
}
