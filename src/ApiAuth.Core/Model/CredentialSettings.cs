namespace ApiAuth.Model;

/// <summary>An IAM access key and the identity behind it, as configured (checked by <see cref="ApiModelBuilder"/>).</summary>
public sealed class CredentialSettings
{
    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; set; } = "";

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; set; } = "";

    /// <summary>The session token of temporary credentials; null or empty for long-term keys.</summary>
    public string? SessionToken { get; set; }

    /// <summary>The IAM principal ARN.</summary>
    public string PrincipalArn { get; set; } = "";

    /// <summary>The principal's unique id (<c>aws:userid</c>).</summary>
    public string? UserId { get; set; }

    /// <summary>Principal tags.</summary>
    public IDictionary<string, string> Tags { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Identity policies, each as JSON.</summary>
    public IList<string> Policies { get; } = [];
}
