namespace ApiAuth.Arns;

/// <summary>
/// The resource-policy shorthand <c>execute-api:/stage/METHOD/path</c>, which API Gateway expands to the
/// full ARN of the API the policy is attached to when the policy is saved
/// (AWS: "API Gateway resource policy examples").
/// </summary>
public static class ExecuteApiShorthand
{
    /// <summary>The prefix that marks the shorthand form.</summary>
    public const string Prefix = "execute-api:/";

    /// <summary>Whether a policy resource uses the shorthand.</summary>
    /// <param name="resource">A policy <c>Resource</c> entry.</param>
    /// <returns><see langword="true"/> when it starts with <c>execute-api:/</c>.</returns>
    public static bool IsShorthand(string resource) =>
        resource is not null && resource.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Expands the shorthand against an API; other resources are returned unchanged.</summary>
    /// <param name="resource">A policy <c>Resource</c> entry, e.g. <c>execute-api:/*</c>.</param>
    /// <param name="api">The API the resource policy is attached to.</param>
    /// <returns>The full ARN, e.g. <c>arn:aws:execute-api:us-east-1:123456789012:abc123/*</c>.</returns>
    public static string Expand(string resource, RestApiReference api)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(api);
        return IsShorthand(resource) ? api.ArnPrefix + resource[Prefix.Length..] : resource;
    }
}
