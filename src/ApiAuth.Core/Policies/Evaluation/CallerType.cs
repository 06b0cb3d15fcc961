namespace ApiAuth.Policies.Evaluation;

/// <summary>What kind of caller a request comes from; the value of <c>aws:PrincipalType</c> where AWS defines one.</summary>
public enum CallerType
{
    /// <summary>An unauthenticated caller (auth NONE, Cognito and Lambda authorizers as seen by the resource policy).</summary>
    Anonymous,

    /// <summary>An account's root user.</summary>
    Account,

    /// <summary>An IAM user.</summary>
    User,

    /// <summary>An IAM role named by its role ARN.</summary>
    Role,

    /// <summary>An STS session of an assumed role.</summary>
    AssumedRole,

    /// <summary>An STS federated user.</summary>
    FederatedUser,

    /// <summary>An AWS service principal such as <c>lambda.amazonaws.com</c>.</summary>
    Service,
}
