using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Turns a configuration section back into JSON: configuration flattens a policy document into keys such as
/// <c>Statement:0:Effect</c>, and the policy engine needs the document. Sections whose keys are 0..n become arrays;
/// every value stays a string, which is how IAM reads condition values anyway. Configuration also splits keys at
/// ':', so a condition key such as <c>aws:SourceIp</c> arrives as <c>aws</c> → <c>SourceIp</c>; inside a
/// <c>Condition</c> operator, where values are only strings or arrays, such nesting is joined back with ':'.
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

    private static void Write(Utf8JsonWriter writer, IConfigurationSection section, int conditionDepth = -1)
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
                Write(writer, child, conditionDepth);
            }
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        if (conditionDepth == 1)
        {
            foreach (var (key, value) in ConditionKeys(children, prefix: null))
            {
                writer.WritePropertyName(key);
                Write(writer, value);
            }
        }
        else if (conditionDepth == 0)
        {
            // Operators: a set qualifier (ForAnyValue:StringLike) arrives split like a key and is joined back.
            foreach (var child in children)
            {
                if (child.Key.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase) || child.Key.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var qualified in child.GetChildren())
                    {
                        writer.WritePropertyName(child.Key + ":" + qualified.Key);
                        Write(writer, qualified, 1);
                    }
                    continue;
                }
                writer.WritePropertyName(child.Key);
                Write(writer, child, 1);
            }
        }
        else
        {
            foreach (var child in children)
            {
                writer.WritePropertyName(child.Key);
                Write(writer, child, child.Key.Equals("Condition", StringComparison.OrdinalIgnoreCase) ? 0 : -1);
            }
        }
        writer.WriteEndObject();
    }

    // Condition values are strings or arrays, so an object under an operator is a key that configuration split at ':'.
    private static IEnumerable<(string Key, IConfigurationSection Value)> ConditionKeys(IEnumerable<IConfigurationSection> children, string? prefix)
    {
        foreach (var child in children)
        {
            var key = prefix is null ? child.Key : prefix + ":" + child.Key;
            var grandchildren = child.GetChildren().ToList();
            if (grandchildren.Count == 0 || IsArray(grandchildren))
            {
                yield return (key, child);
                continue;
            }
            foreach (var nested in ConditionKeys(grandchildren, key))
            {
                yield return nested;
            }
        }
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
