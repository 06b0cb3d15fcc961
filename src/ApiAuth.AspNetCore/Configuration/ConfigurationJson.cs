using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Turns a configuration section back into JSON: configuration flattens a policy document into keys such as
/// <c>Statement:0:Effect</c>, and the policy engine needs the document. Sections whose keys are 0..n become arrays;
/// every value stays a string, which is how IAM reads condition values anyway.
/// </summary>
internal static class ConfigurationJson
{
    public static string? ToJson(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }
        if (section.Value is { } scalar && !section.GetChildren().Any())
        {
            // A policy given as a JSON string (e.g. from an environment variable) is used as is.
            return scalar;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, section);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            writer.WriteStringValue(section.Value);
            return;
        }
        if (IsArray(children))
        {
            writer.WriteStartArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)))
            {
                Write(writer, child);
            }
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        foreach (var child in children)
        {
            writer.WritePropertyName(child.Key);
            Write(writer, child);
        }
        writer.WriteEndObject();
    }

    private static bool IsArray(List<IConfigurationSection> children)
    {
        var indexes = new SortedSet<int>();
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                return false;
            }
            indexes.Add(index);
        }
        return indexes.Count == children.Count && indexes.Min == 0 && indexes.Max == children.Count - 1;
    }
}
