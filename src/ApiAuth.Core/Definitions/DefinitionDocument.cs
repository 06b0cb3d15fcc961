using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiAuth.Definitions;

/// <summary>
/// Reads a definition file, JSON or YAML, into one JSON tree, so a single reader serves both. Bounded: the file's
/// size, its nesting and (for YAML, whose aliases can multiply a small file) the number of nodes it expands to.
/// Duplicate keys are refused rather than one silently winning.
/// </summary>
internal static class DefinitionDocument
{
    /// <summary>The largest definition file read (API Gateway's own import limit is 6 MB).</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most nodes a YAML file may expand to.</summary>
    public const int MaxNodes = 500_000;

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static JsonNode Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DefinitionFormatException($"the file '{path}' does not exist.");
        }
        if (info.Length > MaxBytes)
        {
            throw new DefinitionFormatException($"the file is {info.Length} bytes; a definition may be at most {MaxBytes} bytes.");
        }
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses definition text: JSON when it starts with '{', YAML otherwise.</summary>
    public static JsonNode Parse(string text)
    {
        if (text.Length > MaxBytes)
        {
            throw new DefinitionFormatException($"a definition may be at most {MaxBytes} bytes.");
        }
        return text.AsSpan().TrimStart().StartsWith("{") ? ParseJson(text) : ParseYaml(text);
    }

    private static JsonNode ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false })
                ?? throw new DefinitionFormatException("the document is null.");
        }
        catch (JsonException exception)
        {
            throw new DefinitionFormatException($"the JSON is malformed: {exception.Message}");
        }
    }

    private static JsonNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception exception) when (exception is YamlException or ArgumentException)
        {
            // YamlDotNet reports a duplicate key as an ArgumentException from its mapping.
            throw new DefinitionFormatException($"the YAML is malformed: {exception.Message}");
        }
        if (stream.Documents.Count != 1)
        {
            throw new DefinitionFormatException($"the YAML holds {stream.Documents.Count} documents; a definition is one.");
        }
        var nodes = 0;
        return ToJson(stream.Documents[0].RootNode, 0, ref nodes) ?? throw new DefinitionFormatException("the document is null.");
    }

    private static JsonNode? ToJson(YamlNode node, int depth, ref int nodes)
    {
        if (depth > MaxDepth)
        {
            throw new DefinitionFormatException($"the YAML is nested deeper than {MaxDepth} levels.");
        }
        if (++nodes > MaxNodes)
        {
            throw new DefinitionFormatException($"the YAML expands to more than {MaxNodes} nodes (aliases included).");
        }
        if (!node.Tag.IsEmpty && !IsStandardTag(node.Tag.Value))
        {
            throw new DefinitionFormatException($"the YAML tag '{node.Tag.Value}' at line {node.Start.Line} is not understood in an OpenAPI document (SAM and CloudFormation templates are not read by this version of ApiAuth: export the deployed API with aws apigateway get-export --parameters extensions=apigateway).");
        }
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new DefinitionFormatException($"a YAML key at line {key.Start.Line} is not a plain string.");
                    }
                    if (result.ContainsKey(name))
                    {
                        throw new DefinitionFormatException($"the key '{name}' appears twice at line {key.Start.Line}.");
                    }
                    result[name] = ToJson(value, depth + 1, ref nodes);
                }
                return result;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, depth + 1, ref nodes));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new DefinitionFormatException($"the YAML node at line {node.Start.Line} is not a mapping, sequence or scalar.");
        }
    }

    private static bool IsStandardTag(string tag) => tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) || tag == "!";

    // YAML's core schema: plain null, booleans and numbers are typed; quoted scalars are strings.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.Plain)
        {
            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }
            if (value.AsSpan().ContainsAny("0123456789") && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                return JsonValue.Create(number);
            }
        }
        return JsonValue.Create(value);
    }
}
