namespace ApiAuth.SigV4.Credentials;

/// <summary>The API's own credentials first, then another store's (a test kit's, an app's): the second can never shadow a key id of the first.</summary>
internal sealed class ChainedCredentialStore(ICredentialStore first, ICredentialStore second) : ICredentialStore
{
    public async ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
        await first.FindAsync(accessKeyId, cancellationToken).ConfigureAwait(false)
        ?? await second.FindAsync(accessKeyId, cancellationToken).ConfigureAwait(false);
}
