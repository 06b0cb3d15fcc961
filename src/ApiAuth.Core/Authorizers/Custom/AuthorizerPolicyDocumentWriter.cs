using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// Writes a typed policy document as the JSON the policy engine reads. Written by hand rather than with a reflection
/// serializer so the output is exactly IAM's grammar and unsupported condition values fail as a malformed result.
/// </summary>
internal static class AuthorizerPolicyDocumentWriter
{
    public static bool TryWrite(AuthorizerPolicyDocument document, out string json)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", document.Version);
            writer.WriteStartArray("Statement");
            foreach (var statement in document.Statement)
            {
                if (statement is null || !TryWriteStatement(writer, statement))
                {
                    json = string.Empty;
                    return false;
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        json = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        return true;
    }

    private static bool TryWriteStatement(Utf8JsonWriter writer, AuthorizerPolicyStatement statement)
    {
        writer.WriteStartObject();
        writer.WriteString("Effect", statement.Effect);
        WriteStrings(writer, "Action", statement.Action);
        WriteStrings(writer, "Resource", statement.Resource);
        if (statement.Condition is { } condition)
        {
            writer.WriteStartObject("Condition");
            foreach (var (op, keys) in condition)
            {
                writer.WriteStartObject(op);
                foreach (var (key, value) in keys)
                {
                    writer.WritePropertyName(key);
                    if (!TryWriteConditionValue(writer, value))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        return true;
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, ISet<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static bool TryWriteConditionValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case string or bool or int or long or double or decimal:
                return TryWriteScalar(writer, value);
            case IEnumerable values:
                writer.WriteStartArray();
                foreach (var item in values)
                {
                    if (!TryWriteScalar(writer, item))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            default:
                return false;
        }
    }

    // IAM condition values are strings; numbers and booleans are written as strings, as the IAM console does.
    private static bool TryWriteScalar(Utf8JsonWriter writer, object? value)
    {
        string? text = value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            int or long or double or decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        writer.WriteStringValue(text);
        return true;
    }
}
