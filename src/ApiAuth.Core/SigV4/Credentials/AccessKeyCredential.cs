using ApiAuth.Arns;

namespace ApiAuth.SigV4.Credentials;

/// <summary>
/// An access key the verifier accepts, and the IAM identity behind it: what API Gateway learns from IAM when a
/// signed request arrives.
/// </summary>
public sealed class AccessKeyCredential
{
    /// <summary>Creates a credential.</summary>
    /// <param name="accessKeyId">The access key id (e.g. <c>AKIAIOSFODNN7EXAMPLE</c>).</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="principalArn">The IAM principal, e.g. <c>arn:aws:iam::123456789012:user/alice</c>.</param>
    public AccessKeyCredential(string accessKeyId, string secretAccessKey, string principalArn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(principalArn);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        PrincipalArn = principalArn;
        AccountId = AccountFromArn(principalArn)
            ?? throw new ArgumentException($"'{principalArn}' is not an IAM principal ARN (arn:aws:iam::<account>:<type>/<name>).", nameof(principalArn));
    }

    /// <summary>The access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key. Never logged or printed.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials; requests must then carry it as <c>X-Amz-Security-Token</c>.</summary>
    public string? SessionToken { get; init; }

    /// <summary>The IAM principal ARN.</summary>
    public string PrincipalArn { get; }

    /// <summary>The 12-digit account id, taken from <see cref="PrincipalArn"/>.</summary>
    public string AccountId { get; }

    /// <summary>The unique id IAM gives the principal (<c>aws:userid</c>); defaults to the access key id.</summary>
    public string? UserId { get; init; }

    /// <summary>Principal tags (<c>aws:PrincipalTag/*</c>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The identity policies attached to the principal, as IAM policy JSON documents.</summary>
    public IReadOnlyList<string> IdentityPolicies { get; init; } = [];

    /// <summary>The verifier's success result for this credential, made once: results are immutable.</summary>
    internal SigV4VerificationResult? Verified { get; set; }

    /// <summary>Shows the key id and principal, never the secret.</summary>
    public override string ToString() => $"{AccessKeyId} ({PrincipalArn})";

    private static string? AccountFromArn(string arn) =>
        Arn.TryParse(arn, out var parsed) && Arns.PrincipalArn.IsAccountId(parsed.Account) ? parsed.Account : null;
}
