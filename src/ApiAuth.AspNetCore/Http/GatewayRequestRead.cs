using ApiAuth.Gateway;

namespace ApiAuth.AspNetCore.Http;

/// <summary>What <see cref="GatewayRequestReader"/> made of an HTTP request: a gateway request, or why there is none.</summary>
internal readonly record struct GatewayRequestRead(GatewayRequest? Request, RequestRefusal Refusal)
{
    public static GatewayRequestRead Refused(RequestRefusal refusal) => new(null, refusal);
}
