using ApiAuth.SigV4.Credentials;

namespace ApiAuth.AspNetCore.TestHooks;

/// <summary>The app's credentials first, then a test kit's: a kit caller can never shadow an app key id.</summary>
internal sealed class ChainedCredentialStore(ICredentialStore first, ICredentialStore second) : ICredentialStore
{
    public async ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
        await first.FindAsync(accessKeyId, cancellationToken).ConfigureAwait(false)
        ?? await second.FindAsync(accessKeyId, cancellationToken).ConfigureAwait(false);
}
