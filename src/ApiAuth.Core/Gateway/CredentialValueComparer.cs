using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Gateway;

/// <summary>
/// Compares credentials by what their compiled policies and caller keys are made of: access key, principal, user id,
/// tags and identity policies. A credential store that builds a fresh object per request (a database) then meets the
/// policies compiled for an equal one, instead of compiling them on every request.
/// </summary>
internal sealed class CredentialValueComparer : IEqualityComparer<AccessKeyCredential>
{
    public static readonly CredentialValueComparer Instance = new();

    public bool Equals(AccessKeyCredential? x, AccessKeyCredential? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.AccessKeyId != y.AccessKeyId || x.PrincipalArn != y.PrincipalArn || x.UserId != y.UserId ||
            x.Tags.Count != y.Tags.Count || x.IdentityPolicies.Count != y.IdentityPolicies.Count)
        {
            return false;
        }
        foreach (var (key, value) in x.Tags)
        {
            if (!y.Tags.TryGetValue(key, out var other) || value != other)
            {
                return false;
            }
        }
        for (var i = 0; i < x.IdentityPolicies.Count; i++)
        {
            if (x.IdentityPolicies[i] != y.IdentityPolicies[i])
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(AccessKeyCredential credential)
    {
        var hash = new HashCode();
        hash.Add(credential.AccessKeyId);
        hash.Add(credential.PrincipalArn);
        hash.Add(credential.UserId);
        // Tags in any order hash alike, as Equals compares them.
        var tags = 0;
        foreach (var (key, value) in credential.Tags)
        {
            tags ^= HashCode.Combine(key, value);
        }
        hash.Add(tags);
        foreach (var policy in credential.IdentityPolicies)
        {
            hash.Add(policy);
        }
        return hash.ToHashCode();
    }
}
