namespace ApiAuth.Policies.Validation;

/// <summary>Where a policy is attached, which decides whether it names principals.</summary>
public enum PolicyKind
{
    /// <summary>Attached to a user or role (or returned by a Lambda authorizer): no <c>Principal</c>.</summary>
    Identity,

    /// <summary>Attached to the API: names principals, may use the <c>execute-api:/...</c> shorthand.</summary>
    Resource,
}
