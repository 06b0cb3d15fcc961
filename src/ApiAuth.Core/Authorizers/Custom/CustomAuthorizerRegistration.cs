namespace ApiAuth.Authorizers.Custom;

/// <summary>A custom authorizer's configuration together with its implementation.</summary>
/// <param name="Definition">The configuration.</param>
/// <param name="Authorizer">The implementation.</param>
public sealed record CustomAuthorizerRegistration(CustomAuthorizerDefinition Definition, ICustomAuthorizer Authorizer);
