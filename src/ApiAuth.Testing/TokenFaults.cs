namespace ApiAuth.Testing;

/// <summary>
/// What is wrong with a token from <see cref="TestUserPool"/>, so a test can see it refused (401). Flags combine;
/// <see cref="None"/> makes a token the app accepts.
/// </summary>
[Flags]
public enum TokenFaults
{
    /// <summary>A well-formed, valid token.</summary>
    None = 0,

    /// <summary><c>exp</c> an hour ago.</summary>
    Expired = 1,

    /// <summary><c>nbf</c> and <c>iat</c> an hour from now.</summary>
    NotYetValid = 2,

    /// <summary><c>aud</c> (id tokens) or <c>client_id</c> (access tokens) is not one of the authorizer's app clients or audiences.</summary>
    WrongAudience = 4,

    /// <summary><c>iss</c> is not the authorizer's issuer.</summary>
    WrongIssuer = 8,

    /// <summary><c>token_use</c> is <c>access</c> in an id token and <c>id</c> in an access token.</summary>
    WrongTokenUse = 16,

    /// <summary>The header's <c>kid</c> is in no trusted key set.</summary>
    UnknownKeyId = 32,

    /// <summary>The signature does not verify (one bit of a real signature flipped).</summary>
    BadSignature = 64,
}
