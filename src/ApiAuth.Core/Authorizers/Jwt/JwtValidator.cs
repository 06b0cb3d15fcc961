using ApiAuth.Gateway;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// The checks every JWT authorizer shares, in an order that gives each rejection a precise reason: size, shape,
/// pinned algorithm, no self-named keys, <c>kid</c> required and known, key fits the algorithm, signature and issuer
/// (JsonWebTokenHandler, trying only that one key), then lifetime on the injected clock.
/// </summary>
internal sealed class JwtValidator
{
    /// <summary>The only algorithm accepted: Cognito signs with RS256, and pinning it rules out <c>none</c> and HS/RS confusion.</summary>
    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    // Headers that point at or embed a key; trusting them would let the token choose its own verifier.
    private static readonly string[] KeyReferenceHeaders = ["jku", "x5u", "jwk", "x5c"];

    private readonly IReadOnlyList<string> _validIssuers;
    private readonly JwksSource _keys;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _clockSkew;
    private readonly int _maximumTokenSize;
    private readonly JsonWebTokenHandler _handler;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonWebKey, TokenValidationParameters> _parameters = new();

    /// <summary>Tolerance for clock differences on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew => _clockSkew;

    public JwtValidator(IReadOnlyList<string> validIssuers, JwksSource keys, TimeProvider timeProvider, TimeSpan clockSkew, int maximumTokenSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockSkew, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumTokenSize);
        _validIssuers = validIssuers;
        _keys = keys;
        _timeProvider = timeProvider;
        _clockSkew = clockSkew;
        _maximumTokenSize = maximumTokenSize;
        _handler = new JsonWebTokenHandler { MaximumTokenSizeInBytes = maximumTokenSize };
    }

    public async ValueTask<JwtValidation> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return JwtValidation.Rejected(DecisionReason.MissingToken);
        }

        if (token.Length > _maximumTokenSize)
        {
            return JwtValidation.Rejected(DecisionReason.TokenTooLarge);
        }

        if (ReadJws(token) is not { } jwt)
        {
            return JwtValidation.Rejected(DecisionReason.MalformedToken);
        }

        if (!string.Equals(jwt.Alg, Algorithm, StringComparison.Ordinal))
        {
            return JwtValidation.Rejected(DecisionReason.AlgorithmNotAllowed);
        }

        foreach (var header in KeyReferenceHeaders)
        {
            if (jwt.TryGetHeaderValue<object>(header, out _))
            {
                return JwtValidation.Rejected(DecisionReason.UntrustedKeyReference);
            }
        }

        // RFC 7515 §4.1.11: extensions listed in "crit" must be understood; this validator understands none.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return JwtValidation.Rejected(DecisionReason.CriticalHeaderNotSupported);
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return JwtValidation.Rejected(DecisionReason.MissingKeyId);
        }

        var lookup = await _keys.FindKeyAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
        if (lookup.Key is not { } key)
        {
            return JwtValidation.Rejected(lookup.Failure);
        }

        if (!Fits(key))
        {
            return JwtValidation.Rejected(DecisionReason.KeyAlgorithmMismatch);
        }

        var result = await _handler.ValidateTokenAsync(jwt, ParametersFor(key)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return JwtValidation.Rejected(Classify(result.Exception));
        }

        // The handler already checked the issuer; this exact, ordinal comparison pins down that no normalisation
        // (case, trailing slash) was applied on the way.
        if (!_validIssuers.Contains(jwt.Issuer, StringComparer.Ordinal))
        {
            return JwtValidation.Rejected(DecisionReason.InvalidIssuer);
        }

        if (ReadLifetime(jwt) is not { } lifetime)
        {
            return JwtValidation.Rejected(DecisionReason.MalformedToken);
        }

        var reason = lifetime.Check(_timeProvider.GetUtcNow().UtcDateTime, _clockSkew);
        return reason == DecisionReason.Allow ? new JwtValidation(DecisionReason.Allow, jwt, key, lifetime) : JwtValidation.Rejected(reason);
    }

    private static JsonWebToken? ReadJws(string token)
    {
        try
        {
            var jwt = new JsonWebToken(token);
            // Five-part JWE tokens are encrypted, not signed; authorizers only accept signatures they can check.
            return jwt.IsEncrypted ? null : jwt;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            // ArgumentException includes SecurityTokenMalformedException; bad base64url surfaces as FormatException.
            return null;
        }
    }

    // A JWKS entry may restrict its key to an algorithm or to encryption; honour both, and only RSA keys verify RS256.
    private static bool Fits(JsonWebKey key) =>
        string.Equals(key.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal) &&
        (string.IsNullOrEmpty(key.Alg) || string.Equals(key.Alg, Algorithm, StringComparison.Ordinal)) &&
        (string.IsNullOrEmpty(key.Use) || string.Equals(key.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal));

    // Per JWKS key, made once: the parameters, and the key as an RsaSecurityKey, which the handler verifies with
    // faster than the JsonWebKey it was parsed as. Keys dropped by a JWKS refresh drop their entry with them.
    private TokenValidationParameters ParametersFor(JsonWebKey key) => _parameters.GetValue(key, CreateParameters);

    private TokenValidationParameters CreateParameters(JsonWebKey key) => new()
    {
        IssuerSigningKey = AsRsaKey(key),
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [Algorithm],
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidIssuers = _validIssuers,
        // Audience and token use differ per authorizer and lifetime needs precise reasons: both are checked by us.
        ValidateAudience = false,
        ValidateLifetime = false,
        ValidateIssuerSigningKey = false,
    };

    // Fits() has established an RSA key for RS256 signatures; a key whose numbers do not decode stays a JsonWebKey,
    // and the handler refuses tokens with it as before.
    private static SecurityKey AsRsaKey(JsonWebKey key)
    {
        try
        {
            return new RsaSecurityKey(new System.Security.Cryptography.RSAParameters
            {
                Modulus = Base64UrlEncoder.DecodeBytes(key.N),
                Exponent = Base64UrlEncoder.DecodeBytes(key.E),
            })
            { KeyId = key.Kid };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return key;
        }
    }

    private static DecisionReason Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => DecisionReason.InvalidSignature,
        SecurityTokenInvalidIssuerException => DecisionReason.InvalidIssuer,
        SecurityTokenInvalidAlgorithmException => DecisionReason.AlgorithmNotAllowed,
        SecurityTokenMalformedException => DecisionReason.MalformedToken,
        _ => DecisionReason.InvalidToken,
    };

    private static JwtLifetime? ReadLifetime(JsonWebToken jwt)
    {
        try
        {
            return new JwtLifetime(jwt.ValidTo, jwt.ValidFrom, jwt.IssuedAt);
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
