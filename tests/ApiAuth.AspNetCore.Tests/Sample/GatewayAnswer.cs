using System.Text.Json;

namespace ApiAuth.AspNetCore.Tests.Sample;

/// <summary>An HTTP answer as API Gateway tests look at it: status, x-amzn-ErrorType and the JSON body.</summary>
public sealed record GatewayAnswer(int Status, string? ErrorType, JsonElement Body)
{
    public static async Task<GatewayAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new((int)response.StatusCode, response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.Single() : null, body);
    }

    public string? Message => Body.GetProperty("message").GetString();

    public bool MessageIsNull => Body.GetProperty("message").ValueKind == JsonValueKind.Null;

    public string? Field(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
