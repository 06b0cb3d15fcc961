namespace ApiAuth.Authorizers;

/// <summary>What an authorizer's policy says about one method ARN.</summary>
public enum AuthorizerPolicyDecision
{
    /// <summary>No statement applies: implicit deny (403).</summary>
    ImplicitDeny,

    /// <summary>An Allow statement applies and no Deny statement does.</summary>
    Allow,

    /// <summary>A Deny statement applies (403, "with an explicit deny").</summary>
    ExplicitDeny,
}
