using ApiAuth.Gateway;

namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// A token's lifetime checked against a clock with a skew: shared by a fresh validation and a result-cache hit, so a
/// cached token is judged exactly as the token itself would be.
/// </summary>
internal readonly record struct JwtLifetime(DateTime Expires, DateTime NotBefore, DateTime IssuedAt)
{
    /// <summary><see cref="DecisionReason.Allow"/>, or why the token is not valid at <paramref name="now"/>.</summary>
    /// <remarks>Unset times are <see cref="DateTime.MinValue"/>; a missing <c>exp</c> is refused.</remarks>
    public DecisionReason Check(DateTime now, TimeSpan clockSkew)
    {
        if (Expires == DateTime.MinValue)
        {
            return DecisionReason.MissingExpiration;
        }

        // Skew comes off "now", not onto the token's expiry, which may sit at DateTime.MaxValue.
        if (now - clockSkew >= Expires)
        {
            return DecisionReason.TokenExpired;
        }

        if (NotBefore != DateTime.MinValue && NotBefore > now + clockSkew)
        {
            return DecisionReason.TokenNotYetValid;
        }

        return IssuedAt != DateTime.MinValue && IssuedAt > now + clockSkew
            ? DecisionReason.TokenIssuedInFuture
            : DecisionReason.Allow;
    }
}
