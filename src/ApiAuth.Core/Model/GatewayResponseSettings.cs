namespace ApiAuth.Model;

/// <summary>An override of one gateway response type as configured (checked by <see cref="ApiModelBuilder"/>).</summary>
public sealed class GatewayResponseSettings
{
    /// <summary>The status to send instead of the default.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Headers to add.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body template (JSON); null for the default.</summary>
    public string? BodyTemplate { get; set; }
}
