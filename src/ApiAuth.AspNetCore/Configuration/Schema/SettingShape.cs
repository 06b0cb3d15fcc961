using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ApiAuth.AspNetCore.Configuration.Schema;

/// <summary>
/// What one configuration key may hold. Checking a section against its shape finds every unknown key, wrong type and
/// setting that does not apply, so a misspelled security setting stops the app instead of being dropped in silence.
/// </summary>
internal abstract class SettingShape
{
    /// <summary>Adds one message per problem under <paramref name="section"/>, each naming the key's full path.</summary>
    public abstract void Check(IConfigurationSection section, ICollection<string> problems);

    /// <summary>A plain text value.</summary>
    public static readonly SettingShape Text = new ScalarShape("a text value", _ => true);

    /// <summary>A whole number (<see cref="int"/>).</summary>
    public static readonly SettingShape Integer = new ScalarShape("a whole number", v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));

    /// <summary>A whole number (<see cref="long"/>).</summary>
    public static readonly SettingShape LongInteger = new ScalarShape("a whole number", v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));

    /// <summary>A number such as <c>10</c> or <c>0.5</c>.</summary>
    public static readonly SettingShape Number = new ScalarShape("a number", v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d));

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static readonly SettingShape Flag = new ScalarShape("true or false", v => bool.TryParse(v, out _));

    /// <summary>A duration such as <c>00:05:00</c>.</summary>
    public static readonly SettingShape Duration = new ScalarShape("a duration such as 00:05:00", v => TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out _));

    /// <summary>A JSON document (an IAM policy), checked by the policy parser instead.</summary>
    public static readonly SettingShape Document = new DocumentShape();

    /// <summary>A list of values of one shape.</summary>
    public static SettingShape ListOf(SettingShape item) => new ListShape(item);

    /// <summary>Free names (authorizers, stage variables, tags) each mapped to a value of one shape.</summary>
    public static SettingShape MapOf(SettingShape value) => new MapShape(value);

    // A value configuration providers give as text: it must have no children and read as its type.
    private sealed class ScalarShape(string description, Func<string, bool> reads) : SettingShape
    {
        public override void Check(IConfigurationSection section, ICollection<string> problems)
        {
            if (section.GetChildren().Any())
            {
                problems.Add($"{section.Path} must be {description}, not a section.");
            }
            else if (section.Value is { Length: > 0 } value && !reads(value))
            {
                problems.Add($"{section.Path} must be {description}, got '{value}'.");
            }
        }
    }

    private sealed class DocumentShape : SettingShape
    {
        public override void Check(IConfigurationSection section, ICollection<string> problems)
        {
        }
    }

    private sealed class ListShape(SettingShape item) : SettingShape
    {
        public override void Check(IConfigurationSection section, ICollection<string> problems)
        {
            var children = section.GetChildren().ToList();
            if (children.Count == 0)
            {
                if (!string.IsNullOrEmpty(section.Value))
                {
                    problems.Add($"{section.Path} must be a list, got '{section.Value}'.");
                }
                return;
            }
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{child.Path} is not a setting: {section.Path} is a list.");
                    continue;
                }
                item.Check(child, problems);
            }
        }
    }

    private sealed class MapShape(SettingShape value) : SettingShape
    {
        public override void Check(IConfigurationSection section, ICollection<string> problems)
        {
            if (!section.GetChildren().Any() && !string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{section.Path} must be a section of named entries, got '{section.Value}'.");
                return;
            }
            foreach (var child in section.GetChildren())
            {
                value.Check(child, problems);
            }
        }
    }
}
