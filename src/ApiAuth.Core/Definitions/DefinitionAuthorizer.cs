namespace ApiAuth.Definitions;

/// <summary>An authorizer a definition declares (<c>x-amazon-apigateway-authorizer</c> on a security scheme).</summary>
/// <param name="Name">The security scheme's name: the name <c>AddCustomAuthorizer&lt;T&gt;</c> registers.</param>
/// <param name="Type">TOKEN, REQUEST or COGNITO_USER_POOLS.</param>
/// <param name="IdentitySource">Identity sources, e.g. <c>method.request.header.Authorization</c>.</param>
/// <param name="IdentityValidationExpression">TOKEN: the token's validation regex.</param>
/// <param name="ResultTtlInSeconds"><c>authorizerResultTtlInSeconds</c>, or null when absent.</param>
/// <param name="UserPoolId">COGNITO_USER_POOLS: the pool of its <c>providerARNs</c>.</param>
/// <param name="Source">Where in the document the scheme is.</param>
internal sealed record DefinitionAuthorizer(string Name, string Type, string? IdentitySource, string? IdentityValidationExpression, int? ResultTtlInSeconds, string? UserPoolId, string Source);
