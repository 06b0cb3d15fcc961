using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiAuth.Gateway;
using ApiAuth.SigV4.Canonicalization;

namespace ApiAuth.SigV4;

/// <summary>
/// The signature parameters of a request, read from the <c>Authorization</c> header or from presigned query
/// parameters. Header values are kept as ranges of the header string, so reading them allocates nothing.
/// </summary>
internal struct SignatureParameters
{
    public bool Presigned;
    public string CredentialSource;
    public Range AccessKeyId;
    public Range ScopeDate;
    public Range Region;
    public Range Service;
    public Range Terminator;
    public string SignedHeadersSource;
    public Range SignedHeaders;
    public string SignatureSource;
    public Range Signature;
    public string AmzDateSource;
    public Range AmzDate;
    public DateTimeOffset RequestTime;
    /// <summary>The presigned <c>X-Amz-Expires</c>; 0 when absent (the request then has the header form's clock window).</summary>
    public int ExpiresSeconds;
    public string? SessionToken;
    public string? ContentSha256;

    /// <summary>Whether the session token came in the query (a presigned request's <c>X-Amz-Security-Token</c>).</summary>
    public readonly bool SessionTokenInQuery => Presigned && SessionToken is not null;

    public readonly ReadOnlySpan<char> SignedHeadersSpan => SignedHeadersSource.AsSpan()[SignedHeaders];

    public readonly ReadOnlySpan<char> SignatureSpan => SignatureSource.AsSpan()[Signature];

    public readonly ReadOnlySpan<char> AmzDateSpan => AmzDateSource.AsSpan()[AmzDate];

    /// <summary>The credential scope, <c>date/region/service/aws4_request</c>.</summary>
    public readonly ReadOnlySpan<char> ScopeSpan => CredentialSource.AsSpan()[ScopeDate.Start..Terminator.End];

    public readonly ReadOnlySpan<char> ScopeDateSpan => CredentialSource.AsSpan()[ScopeDate];

    public readonly ReadOnlySpan<char> RegionSpan => CredentialSource.AsSpan()[Region];

    public readonly ReadOnlySpan<char> ServiceSpan => CredentialSource.AsSpan()[Service];

    public readonly ReadOnlySpan<char> TerminatorSpan => CredentialSource.AsSpan()[Terminator];

    /// <summary>Reads the parameters; returns the failure when they are missing, malformed or ambiguous.</summary>
    public static SigV4VerificationResult? TryRead(SigV4Request request, SigV4VerifierOptions options, out SignatureParameters parameters)
    {
        parameters = default;
        CanonicalRequestWriter.SplitTarget(request.RawTarget, out _, out var query);
        var counts = HeaderCounts.Of(request);
        var authorizationCount = counts.Authorization;
        var presigned = HasQueryParameter(query, SigV4Constants.QueryAlgorithm);

        if (authorizationCount > 0 && presigned)
        {
            return Incomplete(DecisionReason.AmbiguousAuthentication,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
        }
        if (authorizationCount > 1)
        {
            return Incomplete(DecisionReason.AmbiguousAuthentication, "The request has more than one Authorization header.");
        }
        if (presigned)
        {
            return ReadQuery(request, query, options, ref parameters);
        }
        if (authorizationCount == 1)
        {
            return ReadHeader(request, counts, options, ref parameters);
        }
        return SigV4VerificationResult.Fail(DecisionReason.MissingAuthenticationToken, SigV4ErrorTypes.MissingAuthenticationToken, "Missing Authentication Token");
    }

    private static SigV4VerificationResult? ReadHeader(SigV4Request request, HeaderCounts counts, SigV4VerifierOptions options, ref SignatureParameters parameters)
    {
        var authorization = request.Headers[counts.AuthorizationIndex].Value;
        if (authorization.Length > options.MaxAuthorizationLength || !Ascii.IsValid(authorization))
        {
            return Incomplete(DecisionReason.IncompleteSignature,
                $"The Authorization header must be ASCII and at most {options.MaxAuthorizationLength} characters long.");
        }

        var text = authorization.AsSpan();
        var start = Skip(text, 0);
        var algorithmEnd = IndexOfOrEnd(text, ' ', start);
        var algorithm = text[start..algorithmEnd];
        if (!algorithm.SequenceEqual(SigV4Constants.Algorithm))
        {
            if (algorithm.StartsWith("AWS4-", StringComparison.Ordinal) && algorithm.IndexOf('=') < 0)
            {
                return Incomplete(DecisionReason.UnsupportedAlgorithm, $"Unsupported AWS 'algorithm': '{algorithm}'.");
            }
            return MissingEqualSign(authorization);
        }

        Range credential = default, signedHeaders = default, signature = default;
        bool hasCredential = false, hasSignedHeaders = false, hasSignature = false;
        var position = algorithmEnd;
        while (position < text.Length)
        {
            position = Skip(text, position);
            if (position >= text.Length)
            {
                break;
            }
            var end = IndexOfOrEnd(text, ',', position);
            var pairEnd = TrimEnd(text, position, end);
            var pair = text[position..pairEnd];
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                return MissingEqualSign(authorization);
            }
            var key = pair[..equals];
            var value = new Range(position + equals + 1, pairEnd);
            bool duplicate;
            if (key.SequenceEqual("Credential"))
            {
                duplicate = hasCredential;
                (credential, hasCredential) = (value, true);
            }
            else if (key.SequenceEqual("SignedHeaders"))
            {
                duplicate = hasSignedHeaders;
                (signedHeaders, hasSignedHeaders) = (value, true);
            }
            else if (key.SequenceEqual("Signature"))
            {
                duplicate = hasSignature;
                (signature, hasSignature) = (value, true);
            }
            else
            {
                return Incomplete(DecisionReason.IncompleteSignature,
                    $"Authorization header has an unsupported parameter '{key}'. Authorization={authorization}");
            }
            if (duplicate)
            {
                return Incomplete(DecisionReason.AmbiguousAuthentication,
                    $"Authorization header has more than one '{key}' parameter. Authorization={authorization}");
            }
            position = end + 1;
        }

        var amzDateCount = counts.AmzDate;
        var hasDate = amzDateCount > 0 || counts.Date > 0;
        if (!hasCredential || !hasSignedHeaders || !hasSignature || !hasDate)
        {
            var message = new StringBuilder();
            if (!hasCredential)
            {
                message.Append("Authorization header requires 'Credential' parameter. ");
            }
            if (!hasSignature)
            {
                message.Append("Authorization header requires 'Signature' parameter. ");
            }
            if (!hasSignedHeaders)
            {
                message.Append("Authorization header requires 'SignedHeaders' parameter. ");
            }
            if (!hasDate)
            {
                message.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            message.Append("Authorization=").Append(authorization);
            return Incomplete(DecisionReason.IncompleteSignature, message.ToString());
        }
        // Without X-Amz-Date the Date header dates the request, so it must be unambiguous too.
        if (amzDateCount > 1 || (amzDateCount == 0 && counts.Date > 1) || counts.SecurityToken > 1 || counts.ContentSha256 > 1)
        {
            return Incomplete(DecisionReason.AmbiguousAuthentication,
                "X-Amz-Date (or Date without it), X-Amz-Security-Token and x-amz-content-sha256 may each appear only once.");
        }

        parameters.Presigned = false;
        parameters.SignedHeadersSource = authorization;
        parameters.SignedHeaders = signedHeaders;
        parameters.SignatureSource = authorization;
        parameters.Signature = signature;
        parameters.SessionToken = counts.SecurityToken == 1 ? request.Headers[counts.SecurityTokenIndex].Value : null;
        parameters.ContentSha256 = counts.ContentSha256 == 1 ? request.Headers[counts.ContentSha256Index].Value : null;

        var failure = ReadCredential(authorization, credential, ref parameters);
        if (failure is not null)
        {
            return failure;
        }
        return amzDateCount == 1
            ? ReadAmzDate(request.Headers[counts.AmzDateIndex].Value, ref parameters)
            : ReadHttpDate(request.Headers[counts.DateIndex].Value, ref parameters);
    }

    private static SigV4VerificationResult? ReadQuery(SigV4Request request, ReadOnlySpan<char> query, SigV4VerifierOptions options, ref SignatureParameters parameters)
    {
        string? algorithm = null, credential = null, date = null, expires = null, signedHeaders = null, signature = null, token = null, contentSha = null;
        Span<char> name = stackalloc char[32];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair[..equals];
            if (!UriEncoding.TryDecodeAscii(rawName, name, out var nameLength))
            {
                continue;
            }
            ref var slot = ref Slot(name[..nameLength], ref algorithm, ref credential, ref date, ref expires, ref signedHeaders, ref signature, ref token, ref contentSha);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref slot))
            {
                continue;
            }
            if (slot is not null)
            {
                return Incomplete(DecisionReason.AmbiguousAuthentication, $"The query parameter '{name[..nameLength]}' appears more than once.");
            }
            var rawValue = equals < 0 ? [] : pair[(equals + 1)..];
            if (rawValue.Length > options.MaxAuthorizationLength)
            {
                return Incomplete(DecisionReason.IncompleteSignature, $"The query parameter '{name[..nameLength]}' is longer than {options.MaxAuthorizationLength} characters.");
            }
            slot = Uri.UnescapeDataString(rawValue.ToString());
        }

        // X-Amz-Expires is optional: non-S3 query signers (npm aws4) leave it out, and the request then lives
        // within the clock window, as a header-signed one does.
        if (algorithm is null || credential is null || date is null || signedHeaders is null || signature is null)
        {
            return Incomplete(DecisionReason.IncompleteSignature,
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, and X-Amz-SignedHeaders parameters.");
        }
        if (algorithm != SigV4Constants.Algorithm)
        {
            return Incomplete(DecisionReason.UnsupportedAlgorithm, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        if (!Ascii.IsValid(credential) || !Ascii.IsValid(signedHeaders) || !Ascii.IsValid(signature))
        {
            return Incomplete(DecisionReason.IncompleteSignature, "X-Amz-Credential, X-Amz-SignedHeaders and X-Amz-Signature must be ASCII.");
        }
        var expirySeconds = 0;
        if (expires is not null)
        {
            if (expires.Length is 0 or > 7 || expires.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                return Incomplete(DecisionReason.InvalidExpires, "X-Amz-Expires should be a number");
            }
            expirySeconds = int.Parse(expires, NumberStyles.None, CultureInfo.InvariantCulture);
            if (expirySeconds is < 1 or > SigV4Constants.MaxPresignExpirySeconds)
            {
                return Incomplete(DecisionReason.InvalidExpires,
                    expirySeconds < 1 ? "X-Amz-Expires must be non-negative" : "X-Amz-Expires must be less than a week (in seconds) that is 604800");
            }
        }

        parameters.Presigned = true;
        parameters.ExpiresSeconds = expirySeconds;
        parameters.SignedHeadersSource = signedHeaders;
        parameters.SignedHeaders = Range.All;
        parameters.SignatureSource = signature;
        parameters.Signature = Range.All;
        parameters.SessionToken = token;
        parameters.ContentSha256 = contentSha;
        var failure = ReadCredential(credential, Range.All, ref parameters);
        return failure ?? ReadAmzDate(date, ref parameters);
    }

    private static ref string? Slot(ReadOnlySpan<char> name, ref string? algorithm, ref string? credential, ref string? date, ref string? expires,
        ref string? signedHeaders, ref string? signature, ref string? token, ref string? contentSha)
    {
        if (name.SequenceEqual(SigV4Constants.QueryAlgorithm)) return ref algorithm;
        if (name.SequenceEqual(SigV4Constants.QueryCredential)) return ref credential;
        if (name.SequenceEqual(SigV4Constants.QueryDate)) return ref date;
        if (name.SequenceEqual(SigV4Constants.QueryExpires)) return ref expires;
        if (name.SequenceEqual(SigV4Constants.QuerySignedHeaders)) return ref signedHeaders;
        if (name.SequenceEqual(SigV4Constants.QuerySignature)) return ref signature;
        if (name.SequenceEqual(SigV4Constants.QuerySecurityToken)) return ref token;
        if (name.SequenceEqual(SigV4Constants.QueryContentSha256)) return ref contentSha;
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<string?>();
    }

    private static SigV4VerificationResult? ReadCredential(string source, Range credential, ref SignatureParameters parameters)
    {
        var text = source.AsSpan()[credential];
        var (offset, _) = credential.GetOffsetAndLength(source.Length);
        Span<Range> parts = stackalloc Range[6];
        var count = text.Split(parts, '/');
        var anyEmpty = false;
        for (var i = 0; i < Math.Min(count, 5); i++)
        {
            anyEmpty |= text[parts[i]].IsEmpty;
        }
        if (count != 5 || anyEmpty)
        {
            return Incomplete(DecisionReason.MalformedCredential,
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{text}'");
        }
        parameters.CredentialSource = source;
        parameters.AccessKeyId = Shift(parts[0], offset);
        parameters.ScopeDate = Shift(parts[1], offset);
        parameters.Region = Shift(parts[2], offset);
        parameters.Service = Shift(parts[3], offset);
        parameters.Terminator = Shift(parts[4], offset);
        return null;
    }

    private static SigV4VerificationResult? ReadAmzDate(string value, ref SignatureParameters parameters)
    {
        var trimmed = value.AsSpan().Trim();
        if (!TryParseBasicDate(trimmed, out var time))
        {
            return Incomplete(DecisionReason.InvalidDate,
                $"Date must be in ISO-8601 'basic format'. Got '{(value.Length > 64 ? value[..64] : value)}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        var start = value.Length - value.AsSpan().TrimStart().Length;
        parameters.AmzDateSource = value;
        parameters.AmzDate = new Range(start, start + 16);
        parameters.RequestTime = time;
        return null;
    }

    // yyyyMMddTHHmmssZ read digit by digit: the format is fixed, and this runs for every signed request.
    private static bool TryParseBasicDate(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != 16 || text[8] != 'T' || text[15] != 'Z'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[4..6], out var month) || !TryDigits(text[6..8], out var day)
            || !TryDigits(text[9..11], out var hour) || !TryDigits(text[11..13], out var minute) || !TryDigits(text[13..15], out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    private static SigV4VerificationResult? ReadHttpDate(string value, ref SignatureParameters parameters)
    {
        if (!DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
        {
            return Incomplete(DecisionReason.InvalidDate,
                $"Date must be in ISO-8601 'basic format'. Got '{(value.Length > 64 ? value[..64] : value)}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        parameters.AmzDateSource = time.ToString(SigV4Constants.DateTimeFormat, CultureInfo.InvariantCulture);
        parameters.AmzDate = Range.All;
        parameters.RequestTime = time;
        return null;
    }

    internal static bool HasQueryParameter(ReadOnlySpan<char> query, string name)
    {
        // Without a percent sign no name is encoded, so a query that does not hold the name as text cannot have it.
        if (!query.Contains('%') && !query.Contains(name, StringComparison.Ordinal))
        {
            return false;
        }
        Span<char> decoded = stackalloc char[32];
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair[..equals];
            if (UriEncoding.TryDecodeAscii(rawName, decoded, out var length) && decoded[..length].SequenceEqual(name))
            {
                return true;
            }
        }
        return false;
    }

    // AWS does not echo a malformed Authorization header, which may hold a bearer token: it quotes a hash of it.
    private static SigV4VerificationResult MissingEqualSign(string authorization)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        return Incomplete(DecisionReason.IncompleteSignature,
            $"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '{hash}'.");
    }

    private static SigV4VerificationResult Incomplete(DecisionReason reason, string message) =>
        SigV4VerificationResult.Fail(reason, SigV4ErrorTypes.IncompleteSignature, message);

    private static Range Shift(Range range, int offset) => new(range.Start.Value + offset, range.End.Value + offset);

    private static int Skip(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is ' ' or ',' or '\t')
        {
            position++;
        }
        return position;
    }

    private static int IndexOfOrEnd(ReadOnlySpan<char> text, char value, int start)
    {
        var index = text[start..].IndexOf(value);
        return index < 0 ? text.Length : start + index;
    }

    private static int TrimEnd(ReadOnlySpan<char> text, int start, int end)
    {
        while (end > start && text[end - 1] is ' ' or '\t')
        {
            end--;
        }
        return end;
    }
}
