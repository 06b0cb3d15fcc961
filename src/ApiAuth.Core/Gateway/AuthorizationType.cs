namespace ApiAuth.Gateway;

/// <summary>A method's authorization setting, as in API Gateway.</summary>
public enum AuthorizationType
{
    /// <summary><c>NONE</c>: only the resource policy (if any) decides.</summary>
    None,

    /// <summary><c>AWS_IAM</c>: SigV4 caller, identity policies and resource policy.</summary>
    AwsIam,

    /// <summary><c>CUSTOM</c>: a Lambda-style TOKEN or REQUEST authorizer and the resource policy.</summary>
    Custom,

    /// <summary><c>COGNITO_USER_POOLS</c>: a user-pool JWT, then the resource policy alone.</summary>
    CognitoUserPools,
}
