using ApiAuth.SigV4.Signing;

namespace ApiAuth.Testing;

/// <summary>Signs as a test caller for the region the app under test is in, known only once the app has started.</summary>
internal sealed class TestSigV4Handler(ApiAuthTestKit kit, TestCaller caller, SigV4Form form) : DelegatingHandler
{
    private static readonly TimeSpan PresignExpiry = TimeSpan.FromMinutes(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to sign.");
        var signer = new SigV4Signer(new SigV4SigningCredentials(caller.AccessKeyId, caller.SecretAccessKey, caller.SessionToken), kit.Region, timeProvider: kit.TimeProvider);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(',', h.Value)))
            .ToList();
        if (form == SigV4Form.Presigned)
        {
            request.RequestUri = signer.Presign(request.Method.Method, uri, PresignExpiry, headers, body).PresignedUri;
        }
        else
        {
            foreach (var header in signer.Sign(request.Method.Method, uri, headers, body).Headers)
            {
                request.Headers.Remove(header.Key);
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
