namespace ApiAuth.Authorizers.Jwt;

/// <summary>
/// What Cognito and JWT authorizers share: a cache hit answers at once; a miss validates the token, lets the
/// authorizer decide what it earns, and caches it only when allowed. The authorizers differ only in that decision.
/// </summary>
internal sealed class TokenAuthorization(JwtValidator validator, TokenResultCache cache, Func<JwtValidation, TokenResult> decide) : IDisposable
{
    /// <summary>Number of token results held in the result cache.</summary>
    public int CachedResults => cache.Count;

    public ValueTask<AuthorizerOutcome> AuthorizeAsync(string? token, IReadOnlyCollection<string> requiredScopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requiredScopes);
        var scopes = requiredScopes as IReadOnlyList<string> ?? [.. requiredScopes];
        return cache.TryAnswer(JwtClaims.BareToken(token), scopes, out var cached)
            ? new ValueTask<AuthorizerOutcome>(cached)
            : ValidateAsync(JwtClaims.StripBearer(token), scopes, cancellationToken);
    }

    public void Dispose() => cache.Dispose();

    private async ValueTask<AuthorizerOutcome> ValidateAsync(string? token, IReadOnlyList<string> requiredScopes, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (validation.Token is null)
        {
            return AuthorizerOutcome.Unauthorized(validation.Reason);
        }

        var result = decide(validation);
        var outcome = result.For(requiredScopes);
        if (outcome.IsAllowed)
        {
            // Failures are never cached; an allowed token is, and each later route checks its scopes against it.
            cache.Add(token!, result);
        }

        return outcome;
    }
}
