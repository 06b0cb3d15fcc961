namespace ApiAuth.Definitions;

/// <summary>A gateway response override from <c>x-amazon-apigateway-gateway-responses</c>.</summary>
/// <param name="StatusCode">The status, or null for the type's default.</param>
/// <param name="Headers">Static headers (<c>gatewayresponse.header.X: "'value'"</c>).</param>
/// <param name="BodyTemplate">The <c>application/json</c> template, or null.</param>
internal sealed record DefinitionGatewayResponse(int? StatusCode, IReadOnlyDictionary<string, string> Headers, string? BodyTemplate);
