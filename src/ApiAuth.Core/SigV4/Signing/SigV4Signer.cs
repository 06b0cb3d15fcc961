using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiAuth.SigV4.Canonicalization;

namespace ApiAuth.SigV4.Signing;

/// <summary>
/// Signs requests with AWS Signature Version 4, as AWS SDKs do for execute-api: header form or presigned URL.
/// Uses the same canonicalisation as <see cref="SigV4Verifier"/>.
/// </summary>
public sealed class SigV4Signer
{
    // Headers that proxies rewrite or clients add late; AWS SDKs leave them unsigned too.
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "expect", "x-amzn-trace-id", "connection", "transfer-encoding",
    };

    private readonly SigV4SigningCredentials _credentials;
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer for one key, region and service.</summary>
    public SigV4Signer(SigV4SigningCredentials credentials, string region, string service = SigV4Constants.ExecuteApiService, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        _credentials = credentials;
        _region = region;
        _service = service;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Signs a request in the header form. <paramref name="headers"/> are the headers the request will carry (a
    /// <c>Host</c> header is added from <paramref name="uri"/> when absent); all are signed but for a few that
    /// intermediaries change (user-agent, expect, ...).
    /// </summary>
    public SigV4Signature Sign(string method, Uri uri, IEnumerable<KeyValuePair<string, string>>? headers = null, ReadOnlySpan<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var amzDate = Now();
        // The headers the signature adds: signed themselves, then handed back with the Authorization header.
        var added = new List<KeyValuePair<string, string>> { new("X-Amz-Date", amzDate) };
        if (_credentials.SessionToken is { } token)
        {
            added.Add(new("X-Amz-Security-Token", token));
        }
        var all = WithHost(uri, headers);
        all.AddRange(added);
        var signedHeaders = SignedHeaderNames(all);
        var request = new SigV4Request(method, uri.PathAndQuery, all);
        var (signature, canonical, stringToSign) = Compute(request, signedHeaders, HashHex(body), amzDate);
        var authorization = $"{SigV4Constants.Algorithm} Credential={_credentials.AccessKeyId}/{Scope(amzDate)}, SignedHeaders={signedHeaders}, Signature={signature}";
        added.Add(new("Authorization", authorization));
        return new SigV4Signature(added, null, signature, canonical, stringToSign);
    }

    /// <summary>
    /// Presigns a URL valid for <paramref name="expires"/> (1 second to 7 days). Only <c>host</c> and the given
    /// headers are signed; the body's hash is signed too, as execute-api requires.
    /// </summary>
    public SigV4Signature Presign(string method, Uri uri, TimeSpan expires, IEnumerable<KeyValuePair<string, string>>? headers = null, ReadOnlySpan<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var seconds = (long)expires.TotalSeconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, nameof(expires));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, SigV4Constants.MaxPresignExpirySeconds, nameof(expires));
        var amzDate = Now();
        var all = WithHost(uri, headers);
        var signedHeaders = SignedHeaderNames(all);

        var query = new StringBuilder(uri.Query.Length > 1 ? uri.Query[1..] : string.Empty);
        void Add(string name, string value)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }
            query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        Add(SigV4Constants.QueryAlgorithm, SigV4Constants.Algorithm);
        Add(SigV4Constants.QueryCredential, $"{_credentials.AccessKeyId}/{Scope(amzDate)}");
        Add(SigV4Constants.QueryDate, amzDate);
        Add(SigV4Constants.QueryExpires, seconds.ToString(CultureInfo.InvariantCulture));
        Add(SigV4Constants.QuerySignedHeaders, signedHeaders);
        if (_credentials.SessionToken is { } token)
        {
            Add(SigV4Constants.QuerySecurityToken, token);
        }

        var target = $"{uri.AbsolutePath}?{query}";
        var request = new SigV4Request(method, target, all);
        var (signature, canonical, stringToSign) = Compute(request, signedHeaders, HashHex(body), amzDate);
        Add(SigV4Constants.QuerySignature, signature);
        var presigned = new UriBuilder(uri) { Query = query.ToString() }.Uri;
        return new SigV4Signature([], presigned, signature, canonical, stringToSign);
    }

    private (string Signature, string Canonical, string StringToSign) Compute(SigV4Request request, string signedHeaders, string payloadHash, string amzDate)
    {
        var canonical = new PooledByteBuffer(1024);
        var toSign = new PooledByteBuffer(256);
        try
        {
            CanonicalRequestWriter.TryWrite(ref canonical, request, signedHeaders, payloadHash, normalizePath: true, QueryExclusions.None);
            var scope = Scope(amzDate);
            CanonicalRequestWriter.WriteStringToSign(ref toSign, amzDate, scope, canonical.Written);
            Span<byte> key = stackalloc byte[32];
            SigningKey.Derive(_credentials.SecretAccessKey, amzDate.AsSpan(0, 8), _region, _service, key);
            Span<byte> signature = stackalloc byte[32];
            HMACSHA256.HashData(key, toSign.Written, signature);
            CryptographicOperations.ZeroMemory(key);
            return (Convert.ToHexStringLower(signature), Encoding.UTF8.GetString(canonical.Written), Encoding.UTF8.GetString(toSign.Written));
        }
        finally
        {
            canonical.Dispose();
            toSign.Dispose();
        }
    }

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString(SigV4Constants.DateTimeFormat, CultureInfo.InvariantCulture);

    private string Scope(string amzDate) => $"{amzDate[..8]}/{_region}/{_service}/{SigV4Constants.ScopeTerminator}";

    private static string HashHex(ReadOnlySpan<byte> body) =>
        body.IsEmpty ? SigV4Constants.EmptyPayloadHash : Convert.ToHexStringLower(SHA256.HashData(body));

    private static List<KeyValuePair<string, string>> WithHost(Uri uri, IEnumerable<KeyValuePair<string, string>>? headers)
    {
        // Signing replaces any earlier signature's headers rather than signing them again.
        var all = headers?.Where(h => !IsSignatureHeader(h.Key)).ToList() ?? [];
        if (HeaderLines.First(all, SigV4Constants.HostHeader) is null)
        {
            all.Insert(0, new("Host", uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}"));
        }
        return all;
    }

    private static bool IsSignatureHeader(string name) =>
        name.Equals(SigV4Constants.AuthorizationHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(SigV4Constants.AmzDateHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(SigV4Constants.SecurityTokenHeader, StringComparison.OrdinalIgnoreCase);

    private static string SignedHeaderNames(IEnumerable<KeyValuePair<string, string>> headers) =>
        string.Join(';', headers
            .Select(h => h.Key.ToLowerInvariant())
            .Where(name => !Unsigned.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
}
