namespace ApiAuth.SigV4.Credentials;

/// <summary>Finds the credential behind an access key id. Implementations must be thread-safe.</summary>
public interface ICredentialStore
{
    /// <summary>Returns the credential for <paramref name="accessKeyId"/>, or null when the key is unknown.</summary>
    ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default);
}
