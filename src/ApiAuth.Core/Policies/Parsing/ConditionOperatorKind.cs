namespace ApiAuth.Policies.Parsing;

/// <summary>The base condition operators of the IAM policy language.</summary>
internal enum ConditionOperatorKind
{
    /// <summary>Exact, case-sensitive string match.</summary>
    StringEquals,

    /// <summary>Negated exact string match.</summary>
    StringNotEquals,

    /// <summary>Case-insensitive string match.</summary>
    StringEqualsIgnoreCase,

    /// <summary>Negated case-insensitive string match.</summary>
    StringNotEqualsIgnoreCase,

    /// <summary>Case-sensitive match with <c>*</c> and <c>?</c> wildcards.</summary>
    StringLike,

    /// <summary>Negated wildcard match.</summary>
    StringNotLike,

    /// <summary>Numbers equal.</summary>
    NumericEquals,

    /// <summary>Numbers differ.</summary>
    NumericNotEquals,

    /// <summary>Request value less than the policy value.</summary>
    NumericLessThan,

    /// <summary>Request value less than or equal to the policy value.</summary>
    NumericLessThanEquals,

    /// <summary>Request value greater than the policy value.</summary>
    NumericGreaterThan,

    /// <summary>Request value greater than or equal to the policy value.</summary>
    NumericGreaterThanEquals,

    /// <summary>Dates equal (ISO 8601 or epoch seconds).</summary>
    DateEquals,

    /// <summary>Dates differ.</summary>
    DateNotEquals,

    /// <summary>Request date before the policy date.</summary>
    DateLessThan,

    /// <summary>Request date at or before the policy date.</summary>
    DateLessThanEquals,

    /// <summary>Request date after the policy date.</summary>
    DateGreaterThan,

    /// <summary>Request date at or after the policy date.</summary>
    DateGreaterThanEquals,

    /// <summary>Boolean match of <c>true</c>/<c>false</c>.</summary>
    Bool,

    /// <summary>Byte-for-byte match of base64-encoded values.</summary>
    BinaryEquals,

    /// <summary>Request address inside one of the CIDR ranges.</summary>
    IpAddress,

    /// <summary>Request address outside all the CIDR ranges.</summary>
    NotIpAddress,

    /// <summary>ARN match, each of the six fields on its own, with wildcards.</summary>
    ArnEquals,

    /// <summary>Negated ARN match.</summary>
    ArnNotEquals,

    /// <summary>ARN match with wildcards (same as <see cref="ArnEquals"/> in AWS).</summary>
    ArnLike,

    /// <summary>Negated ARN wildcard match.</summary>
    ArnNotLike,

    /// <summary>Key absence (<c>true</c>) or presence (<c>false</c>).</summary>
    Null,
}
