namespace ApiAuth.SigV4.Signing;

/// <summary>
/// An <see cref="HttpClient"/> handler that signs every request with SigV4 (header form, or presigned URLs),
/// for calling IAM-protected APIs.
/// </summary>
public sealed class SigV4SigningHandler : DelegatingHandler
{
    private readonly SigV4Signer _signer;
    private readonly TimeSpan? _presignExpiry;

    /// <summary>Creates a handler that signs in the header form.</summary>
    public SigV4SigningHandler(SigV4Signer signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
    }

    /// <summary>Creates a handler that presigns each request's URL, valid for <paramref name="presignExpiry"/>.</summary>
    public SigV4SigningHandler(SigV4Signer signer, TimeSpan presignExpiry)
        : this(signer) => _presignExpiry = presignExpiry;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to sign.");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in request.Headers)
        {
            headers.Add(new(header.Key, string.Join(',', header.Value)));
        }
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers.Add(new(header.Key, string.Join(',', header.Value)));
            }
        }

        if (_presignExpiry is { } expiry)
        {
            request.RequestUri = _signer.Presign(request.Method.Method, uri, expiry, headers, body).PresignedUri;
        }
        else
        {
            foreach (var header in _signer.Sign(request.Method.Method, uri, headers, body).Headers)
            {
                request.Headers.Remove(header.Key);
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
