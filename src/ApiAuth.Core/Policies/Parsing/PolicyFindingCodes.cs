namespace ApiAuth.Policies.Parsing;

/// <summary>The stable codes of <see cref="PolicyFinding"/>s.</summary>
public static class PolicyFindingCodes
{
    /// <summary>The text is not JSON, or nests deeper than allowed.</summary>
    public const string MalformedJson = "MalformedJson";

    /// <summary>The same key appears twice in one object (compared case-insensitively).</summary>
    public const string DuplicateKey = "DuplicateKey";

    /// <summary>An element has the wrong JSON type.</summary>
    public const string WrongType = "WrongType";

    /// <summary>An element name the policy grammar does not know.</summary>
    public const string UnknownElement = "UnknownElement";

    /// <summary>A required element is missing.</summary>
    public const string MissingElement = "MissingElement";

    /// <summary>Both an element and its <c>Not</c> form are present.</summary>
    public const string ConflictingElements = "ConflictingElements";

    /// <summary>The <c>Version</c> is not a known policy language version.</summary>
    public const string InvalidVersion = "InvalidVersion";

    /// <summary><c>Effect</c> is neither <c>Allow</c> nor <c>Deny</c>.</summary>
    public const string InvalidEffect = "InvalidEffect";

    /// <summary>Two statements share a <c>Sid</c>.</summary>
    public const string DuplicateSid = "DuplicateSid";

    /// <summary>A principal is malformed or uses a partial wildcard.</summary>
    public const string InvalidPrincipal = "InvalidPrincipal";

    /// <summary>An action is not <c>*</c> or <c>service:action</c>.</summary>
    public const string InvalidAction = "InvalidAction";

    /// <summary>A resource is not <c>*</c>, an ARN, or the execute-api shorthand.</summary>
    public const string InvalidResource = "InvalidResource";

    /// <summary>The condition operator is unknown.</summary>
    public const string UnknownConditionOperator = "UnknownConditionOperator";

    /// <summary>A condition value is not valid for its operator (number, date, CIDR, boolean, base64, ARN).</summary>
    public const string InvalidConditionValue = "InvalidConditionValue";

    /// <summary>A policy variable is malformed or used where AWS does not allow one.</summary>
    public const string InvalidPolicyVariable = "InvalidPolicyVariable";

    /// <summary>A list is empty where at least one value is needed.</summary>
    public const string EmptyList = "EmptyList";

    /// <summary>A size limit was exceeded (document bytes, string length, list length, statement count).</summary>
    public const string LimitExceeded = "LimitExceeded";

    /// <summary>A principal element in an identity policy, or none in a resource policy.</summary>
    public const string PrincipalPlacement = "PrincipalPlacement";

    /// <summary>The execute-api shorthand outside a resource policy.</summary>
    public const string ShorthandOutsideResourcePolicy = "ShorthandOutsideResourcePolicy";

    /// <summary>Warning: <c>Version</c> is missing, so 2008-10-17 applies.</summary>
    public const string MissingVersion = "MissingVersion";

    /// <summary>Warning: <c>NotPrincipal</c> with <c>Allow</c>, which AWS strongly advises against.</summary>
    public const string NotPrincipalWithAllow = "NotPrincipalWithAllow";

    /// <summary>Warning: the statement can never apply.</summary>
    public const string UnreachableStatement = "UnreachableStatement";
}
