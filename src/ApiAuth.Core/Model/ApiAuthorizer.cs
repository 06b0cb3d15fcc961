using ApiAuth.Authorizers.Cognito;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;

namespace ApiAuth.Model;

/// <summary>
/// One validated authorizer of an <see cref="ApiModel"/>: its kind and exactly the settings of that kind. The keys of
/// a Cognito or JWT authorizer are named here (a file or a URL); opening them is the host's part.
/// </summary>
public sealed class ApiAuthorizer
{
    internal ApiAuthorizer(string name, AuthorizerKind kind, string origin)
    {
        Name = name;
        Kind = kind;
        Origin = origin;
    }

    /// <summary>The authorizer's name, as routes name it.</summary>
    public string Name { get; }

    /// <summary>What kind of authorizer it is.</summary>
    public AuthorizerKind Kind { get; }

    /// <summary>Where it was declared (a configuration path or a definition's path), for messages.</summary>
    public string Origin { get; }

    /// <summary><see cref="AuthorizerKind.CognitoUserPools"/>: the user pool and app clients.</summary>
    public CognitoUserPoolAuthorizerOptions? Cognito { get; internal init; }

    /// <summary><see cref="AuthorizerKind.Jwt"/>: the issuer and audiences.</summary>
    public JwtAuthorizerOptions? Jwt { get; internal init; }

    /// <summary><see cref="AuthorizerKind.Token"/> and <see cref="AuthorizerKind.Request"/>: identity sources,
    /// validation expression and result TTL.</summary>
    public CustomAuthorizerDefinition? Custom { get; internal init; }

    /// <summary>Cognito and JWT: the header holding the token, when not <c>Authorization</c>.</summary>
    public string? TokenHeader { get; internal init; }

    /// <summary>Cognito and JWT: a JWKS file (full path) to read the keys from, offline.</summary>
    public string? JwksFile { get; internal init; }

    /// <summary>Cognito and JWT: where the keys are published when <see cref="JwksFile"/> is not set.</summary>
    public Uri? JwksUri { get; internal init; }
}
