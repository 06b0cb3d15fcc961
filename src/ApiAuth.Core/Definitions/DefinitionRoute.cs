namespace ApiAuth.Definitions;

/// <summary>One operation of a definition and its auth, as an <c>ApiAuth:Routes</c> entry would say it.</summary>
/// <param name="Method">GET, POST, ... or ANY (<c>x-amazon-apigateway-any-method</c>).</param>
/// <param name="Path">The resource path, e.g. <c>/pets/{petId}</c> or <c>/{proxy+}</c>.</param>
/// <param name="AuthorizationType">NONE, AWS_IAM, COGNITO_USER_POOLS or CUSTOM.</param>
/// <param name="Authorizer">The security scheme's name for COGNITO_USER_POOLS and CUSTOM.</param>
/// <param name="Scopes">COGNITO_USER_POOLS: the operation's OAuth scopes.</param>
/// <param name="Source">Where in the document the operation is.</param>
internal sealed record DefinitionRoute(string Method, string Path, string AuthorizationType, string? Authorizer, IReadOnlyList<string> Scopes, string Source)
{
    /// <summary>Whether the operation needs an API key (its <c>security</c> names <c>api_key</c>).</summary>
    public bool ApiKeyRequired { get; init; }
}
