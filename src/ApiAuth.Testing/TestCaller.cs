namespace ApiAuth.Testing;

/// <summary>
/// An IAM caller of the app under test, made by <see cref="ApiAuthTestKit.AddCaller(string, string[])"/>: fresh
/// credentials that only an app with <c>AddApiAuthTestKit</c> accepts.
/// </summary>
public sealed class TestCaller
{
    internal TestCaller(string principalArn, string accessKeyId, string secretAccessKey, string? sessionToken)
    {
        PrincipalArn = principalArn;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = sessionToken;
    }

    /// <summary>The IAM principal the credentials belong to, e.g. <c>arn:aws:iam::123456789012:user/alice</c>.</summary>
    public string PrincipalArn { get; }

    /// <summary>The access key id: <c>AKIA...</c>, or <c>ASIA...</c> for temporary credentials.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials (sent as <c>X-Amz-Security-Token</c>); null for long-term keys.</summary>
    public string? SessionToken { get; }

    /// <summary>Shows the key id and principal, never the secret.</summary>
    public override string ToString() => $"{AccessKeyId} ({PrincipalArn})";
}
