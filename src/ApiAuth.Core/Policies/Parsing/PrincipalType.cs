namespace ApiAuth.Policies.Parsing;

/// <summary>The key of an entry in a <c>Principal</c> object.</summary>
internal enum PrincipalType
{
    /// <summary><c>"AWS"</c>: accounts, users, roles, role sessions.</summary>
    Aws,

    /// <summary><c>"Service"</c>: AWS service principals such as <c>lambda.amazonaws.com</c>.</summary>
    Service,

    /// <summary><c>"Federated"</c>: identity providers.</summary>
    Federated,

    /// <summary><c>"CanonicalUser"</c>.</summary>
    CanonicalUser,
}
