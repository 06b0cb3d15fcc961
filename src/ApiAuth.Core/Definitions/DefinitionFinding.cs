namespace ApiAuth.Definitions;

/// <summary>Something in a definition ApiAuth refuses or cannot read.</summary>
/// <param name="Path">Its JSON path, e.g. <c>$.paths['/pets'].get.x-amazon-apigateway-request-validator</c>.</param>
/// <param name="Item">The name <c>Ignore</c> accepts it by (the extension's key).</param>
/// <param name="Message">What is wrong, and why it is refused.</param>
internal sealed record DefinitionFinding(string Path, string Item, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
