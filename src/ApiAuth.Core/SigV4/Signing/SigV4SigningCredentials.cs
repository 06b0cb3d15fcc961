namespace ApiAuth.SigV4.Signing;

/// <summary>The key a client signs with.</summary>
public sealed class SigV4SigningCredentials
{
    /// <summary>Creates signing credentials.</summary>
    public SigV4SigningCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
    }

    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials, or null.</summary>
    public string? SessionToken { get; }

    /// <summary>Shows the key id, never the secret.</summary>
    public override string ToString() => AccessKeyId;
}
