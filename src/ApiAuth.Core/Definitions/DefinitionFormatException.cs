namespace ApiAuth.Definitions;

/// <summary>A definition file that cannot be read at all: malformed JSON or YAML, too large, too deep.</summary>
internal sealed class DefinitionFormatException(string message) : FormatException(message);
