namespace ApiAuth.Arns;

/// <summary>The shapes of IAM and STS principal ARNs that policies and callers use.</summary>
internal static class PrincipalArn
{
    /// <summary>Whether the text is a 12-digit account id.</summary>
    public static bool IsAccountId(ReadOnlySpan<char> text) => text.Length == 12 && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// Whether a value may appear under <c>"AWS"</c> in a principal: an account id, or an ARN for an account root,
    /// IAM user, IAM role, STS role session or STS federated user.
    /// </summary>
    public static bool IsValidPolicyPrincipal(string value)
    {
        if (IsAccountId(value))
        {
            return true;
        }
        if (!Arn.TryParse(value, out var arn) || arn.Region.Length != 0 || !IsAccountId(arn.Account) || arn.Partition.Length == 0)
        {
            return false;
        }
        return arn.Service switch
        {
            "iam" => arn.Resource == "root" || HasNamedTail(arn.Resource, "user/") || HasNamedTail(arn.Resource, "role/"),
            "sts" => (arn.Resource.StartsWith("assumed-role/", StringComparison.Ordinal) && arn.Resource.Split('/').Length == 3 && !arn.Resource.Split('/').Contains(""))
                     || HasNamedTail(arn.Resource, "federated-user/"),
            _ => false,
        };
    }

    private static bool HasNamedTail(string resource, string prefix) =>
        resource.StartsWith(prefix, StringComparison.Ordinal) && resource.Length > prefix.Length && !resource.EndsWith('/');
}
