using System.Text;
using System.Text.Json;
using ApiAuth.Arns;
using ApiAuth.Policies.Compilation;

namespace ApiAuth.Policies.Parsing;

/// <summary>
/// Parses IAM JSON policies strictly: duplicate keys (case-insensitive), wrong types, unknown elements, conflicting
/// <c>X</c>/<c>NotX</c> pairs, unknown operators, malformed values and policy variables where AWS does not allow them
/// are all errors with the JSON path of the fault. Sizes are bounded by <see cref="PolicyParserOptions"/>.
/// </summary>
internal static class PolicyParser
{
    /// <summary>Parses a policy from text.</summary>
    /// <param name="json">The policy JSON.</param>
    /// <param name="options">Limits; <see cref="PolicyParserOptions.Default"/> when null.</param>
    /// <returns>The policy when valid, and all findings.</returns>
    public static PolicyParseResult Parse(string json, PolicyParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= PolicyParserOptions.Default;
        // Every char is at least one UTF-8 byte, so this rejects oversized text before encoding it.
        if (json.Length > options.MaxPolicyBytes)
        {
            return TooLarge(options);
        }
        return Parse(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Parses a policy from UTF-8 bytes (a leading byte-order mark is ignored).</summary>
    /// <param name="utf8Json">The policy JSON.</param>
    /// <param name="options">Limits; <see cref="PolicyParserOptions.Default"/> when null.</param>
    /// <returns>The policy when valid, and all findings.</returns>
    public static PolicyParseResult Parse(ReadOnlyMemory<byte> utf8Json, PolicyParserOptions? options = null)
    {
        options ??= PolicyParserOptions.Default;
        if (utf8Json.Length > options.MaxPolicyBytes)
        {
            return TooLarge(options);
        }
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }
        // JsonDocument only notices invalid UTF-8 inside strings when they are read, by throwing; check it up front.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            return new PolicyParseResult(null, [new PolicyFinding(FindingSeverity.Error, JsonPath.Root, PolicyFindingCodes.MalformedJson,
                "The policy is not valid UTF-8.")]);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        }
        catch (JsonException ex)
        {
            return new PolicyParseResult(null, [new PolicyFinding(FindingSeverity.Error, JsonPath.Root, PolicyFindingCodes.MalformedJson,
                $"The policy is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}")]);
        }
        using (document)
        {
            var session = new ParseSession(options);
            var policy = session.ReadDocument(document.RootElement);
            var hasErrors = session.Findings.Exists(f => f.Severity == FindingSeverity.Error);
            return new PolicyParseResult(hasErrors ? null : policy, session.Findings);
        }
    }

    private static PolicyParseResult TooLarge(PolicyParserOptions options) =>
        new(null, [new PolicyFinding(FindingSeverity.Error, JsonPath.Root, PolicyFindingCodes.LimitExceeded,
            $"The policy is larger than {options.MaxPolicyBytes} bytes.")]);

    private sealed class ParseSession(PolicyParserOptions options)
    {
        private static readonly string[] TopLevelKeys = ["Version", "Id", "Statement"];
        private static readonly string[] StatementKeys = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
        private readonly HashSet<string> _sids = new(StringComparer.Ordinal);
        private PolicyVersion _version = PolicyVersion.V20081017;

        public List<PolicyFinding> Findings { get; } = [];

        public PolicyDocument? ReadDocument(JsonElement root)
        {
            var properties = ReadObject(root, JsonPath.Root, TopLevelKeys);
            if (properties is null)
            {
                return null;
            }
            var hasVersion = properties.TryGetValue("Version", out var versionElement);
            if (hasVersion)
            {
                var path = JsonPath.Property(JsonPath.Root, "Version");
                switch (ReadString(versionElement, path))
                {
                    case "2012-10-17": _version = PolicyVersion.V20121017; break;
                    case "2008-10-17": _version = PolicyVersion.V20081017; break;
                    case null: break;
                    case var other: Error(path, PolicyFindingCodes.InvalidVersion, $"Version '{other}' is not a policy language version; use \"2012-10-17\"."); break;
                }
            }
            string? id = null;
            if (properties.TryGetValue("Id", out var idElement))
            {
                id = ReadString(idElement, JsonPath.Property(JsonPath.Root, "Id"));
            }
            var statements = new List<PolicyStatement>();
            var statementPath = JsonPath.Property(JsonPath.Root, "Statement");
            if (!properties.TryGetValue("Statement", out var statementElement))
            {
                Error(JsonPath.Root, PolicyFindingCodes.MissingElement, "The policy has no Statement.");
            }
            else if (statementElement.ValueKind == JsonValueKind.Object)
            {
                AddIfNotNull(statements, ReadStatement(statementElement, statementPath, 0));
            }
            else if (statementElement.ValueKind == JsonValueKind.Array)
            {
                var count = statementElement.GetArrayLength();
                if (count == 0)
                {
                    Error(statementPath, PolicyFindingCodes.EmptyList, "Statement is an empty list.");
                }
                else if (count > options.MaxStatements)
                {
                    Error(statementPath, PolicyFindingCodes.LimitExceeded, $"The policy has {count} statements; at most {options.MaxStatements} are accepted.");
                }
                else
                {
                    var index = 0;
                    foreach (var item in statementElement.EnumerateArray())
                    {
                        AddIfNotNull(statements, ReadStatement(item, JsonPath.Element(statementPath, index), index));
                        index++;
                    }
                }
            }
            else
            {
                WrongType(statementPath, "an object or an array of objects", statementElement);
            }
            if (!hasVersion)
            {
                Findings.Add(new PolicyFinding(FindingSeverity.Warning, JsonPath.Root, PolicyFindingCodes.MissingVersion,
                    "The policy has no Version, so AWS applies 2008-10-17 (no policy variables); add \"Version\": \"2012-10-17\"."));
            }
            return new PolicyDocument(_version, hasVersion, id, statements);
        }

        private PolicyStatement? ReadStatement(JsonElement element, string path, int index)
        {
            var properties = ReadObject(element, path, StatementKeys);
            if (properties is null)
            {
                return null;
            }
            string? sid = null;
            if (properties.TryGetValue("Sid", out var sidElement))
            {
                var sidPath = JsonPath.Property(path, "Sid");
                sid = ReadString(sidElement, sidPath);
                if (sid is not null && !_sids.Add(sid))
                {
                    Error(sidPath, PolicyFindingCodes.DuplicateSid, $"Sid '{sid}' is used by more than one statement; Sids must be unique.");
                }
            }
            PolicyEffect? effect = null;
            if (!properties.TryGetValue("Effect", out var effectElement))
            {
                Error(path, PolicyFindingCodes.MissingElement, "The statement has no Effect; use \"Allow\" or \"Deny\".");
            }
            else
            {
                var effectPath = JsonPath.Property(path, "Effect");
                switch (ReadString(effectElement, effectPath))
                {
                    case "Allow": effect = PolicyEffect.Allow; break;
                    case "Deny": effect = PolicyEffect.Deny; break;
                    case null: break;
                    case var other: Error(effectPath, PolicyFindingCodes.InvalidEffect, $"Effect '{other}' is not \"Allow\" or \"Deny\" (case matters)."); break;
                }
            }
            var principal = ReadPair(properties, path, "Principal", required: false, ReadPrincipal);
            var action = ReadPair(properties, path, "Action", required: true, (e, p, negated) => ReadPatterns(e, p, negated, ValidateAction));
            var resource = ReadPair(properties, path, "Resource", required: true, (e, p, negated) => ReadPatterns(e, p, negated, ValidateResource));
            var conditions = properties.TryGetValue("Condition", out var conditionElement)
                ? ReadConditions(conditionElement, JsonPath.Property(path, "Condition"))
                : [];
            return effect is null || action is null || resource is null || conditions is null
                ? null
                : new PolicyStatement(index, path, sid, effect.Value, principal, action, resource, conditions);
        }

        private T? ReadPair<T>(Dictionary<string, JsonElement> properties, string path, string name, bool required, Func<JsonElement, string, bool, T?> read)
            where T : class
        {
            var notName = "Not" + name;
            var hasPlain = properties.TryGetValue(name, out var plain);
            var hasNot = properties.TryGetValue(notName, out var not);
            if (hasPlain && hasNot)
            {
                Error(path, PolicyFindingCodes.ConflictingElements, $"The statement has both {name} and {notName}; use one.");
                return null;
            }
            if (!hasPlain && !hasNot)
            {
                if (required)
                {
                    Error(path, PolicyFindingCodes.MissingElement, $"The statement has neither {name} nor {notName}.");
                }
                return null;
            }
            return hasPlain ? read(plain, JsonPath.Property(path, name), false) : read(not, JsonPath.Property(path, notName), true);
        }

        private PrincipalBlock? ReadPrincipal(JsonElement element, string path, bool negated)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                if (ReadString(element, path) is "*")
                {
                    return new PrincipalBlock(negated, true, [], path);
                }
                Error(path, PolicyFindingCodes.InvalidPrincipal, "A principal given as a string must be \"*\"; name principals as {\"AWS\": \"arn:...\"}.");
                return null;
            }
            var properties = ReadObject(element, path, ["AWS", "Service", "Federated", "CanonicalUser"]);
            if (properties is null)
            {
                return null;
            }
            if (properties.Count == 0)
            {
                Error(path, PolicyFindingCodes.EmptyList, "The principal object names no principal.");
                return null;
            }
            var anyone = false;
            var entries = new List<PrincipalEntry>();
            var ok = true;
            foreach (var (key, value) in properties)
            {
                var type = Enum.Parse<PrincipalType>(key == "AWS" ? "Aws" : key);
                var keyPath = JsonPath.Property(path, key);
                var values = ReadStringList(value, keyPath);
                if (values is null)
                {
                    ok = false;
                    continue;
                }
                for (var i = 0; i < values.Count; i++)
                {
                    var itemPath = value.ValueKind == JsonValueKind.Array ? JsonPath.Element(keyPath, i) : keyPath;
                    if (type == PrincipalType.Aws && values[i] == "*")
                    {
                        anyone = true;
                    }
                    else if (ValidatePrincipal(type, values[i], itemPath))
                    {
                        entries.Add(new PrincipalEntry(type, values[i]));
                    }
                    else
                    {
                        ok = false;
                    }
                }
            }
            return ok ? new PrincipalBlock(negated, anyone, entries, path) : null;
        }

        private bool ValidatePrincipal(PrincipalType type, string value, string path)
        {
            if (value.Contains("${", StringComparison.Ordinal))
            {
                Error(path, PolicyFindingCodes.InvalidPolicyVariable, "Policy variables are not allowed in principals.");
                return false;
            }
            if (value.AsSpan().ContainsAny('*', '?'))
            {
                Error(path, PolicyFindingCodes.InvalidPrincipal, $"'{value}' uses a partial wildcard; AWS allows only \"*\" on its own in principals.");
                return false;
            }
            if (value.Length == 0)
            {
                Error(path, PolicyFindingCodes.InvalidPrincipal, "The principal is empty.");
                return false;
            }
            if (type != PrincipalType.Aws || PrincipalArn.IsValidPolicyPrincipal(value))
            {
                return true;
            }
            Error(path, PolicyFindingCodes.InvalidPrincipal,
                $"'{value}' is not an AWS principal: expected a 12-digit account id or an IAM/STS ARN (root, user, role, assumed-role, federated-user).");
            return false;
        }

        private PatternBlock? ReadPatterns(JsonElement element, string path, bool negated, Func<string, string, bool> validate)
        {
            var values = ReadStringList(element, path);
            if (values is null)
            {
                return null;
            }
            var ok = true;
            for (var i = 0; i < values.Count; i++)
            {
                ok &= validate(values[i], element.ValueKind == JsonValueKind.Array ? JsonPath.Element(path, i) : path);
            }
            return ok ? new PatternBlock(negated, values, path) : null;
        }

        private bool ValidateAction(string action, string path)
        {
            if (action.Contains("${", StringComparison.Ordinal))
            {
                Error(path, PolicyFindingCodes.InvalidPolicyVariable, "Policy variables are not allowed in actions.");
                return false;
            }
            var colon = action.IndexOf(':', StringComparison.Ordinal);
            var valid = action == "*" || (colon > 0 && colon < action.Length - 1
                && action.AsSpan(0, colon).IndexOfAnyExcept(ServiceChars) < 0
                && !action.AsSpan(colon + 1).ContainsAny(" \t\r\n:"));
            if (!valid)
            {
                Error(path, PolicyFindingCodes.InvalidAction, $"'{action}' is not an action: expected \"*\" or \"service:Action\", e.g. \"execute-api:Invoke\".");
            }
            return valid;
        }

        private bool ValidateResource(string resource, string path)
        {
            if (!ValidateVariables(resource, path, allowed: true, "resources"))
            {
                return false;
            }
            var shape = PolicyVariableSyntax.HasVariables(resource) ? Placeholder(resource) : resource;
            var valid = shape == "*" || ExecuteApiShorthand.IsShorthand(shape) || IsArnShaped(shape);
            if (!valid)
            {
                Error(path, PolicyFindingCodes.InvalidResource,
                    $"'{resource}' is not a resource: expected \"*\", an ARN (arn:partition:service:region:account:resource) or \"execute-api:/stage/METHOD/path\".");
            }
            return valid;
        }

        private List<PolicyCondition>? ReadConditions(JsonElement element, string path)
        {
            var operators = ReadObject(element, path, null);
            if (operators is null)
            {
                return null;
            }
            var conditions = new List<PolicyCondition>();
            var ok = true;
            foreach (var (name, keysElement) in operators)
            {
                var operatorPath = JsonPath.Property(path, name);
                if (!ConditionOperator.TryParse(name, out var op))
                {
                    Error(operatorPath, PolicyFindingCodes.UnknownConditionOperator, $"'{name}' is not a condition operator.");
                    ok = false;
                    continue;
                }
                var keys = ReadObject(keysElement, operatorPath, null);
                if (keys is null)
                {
                    ok = false;
                    continue;
                }
                if (keys.Count == 0)
                {
                    Error(operatorPath, PolicyFindingCodes.EmptyList, $"'{name}' names no condition key.");
                    ok = false;
                }
                foreach (var (key, valueElement) in keys)
                {
                    var keyPath = JsonPath.Property(operatorPath, key);
                    if (key.Length == 0 || key.Contains("${", StringComparison.Ordinal))
                    {
                        Error(keyPath, PolicyFindingCodes.InvalidConditionValue, "A condition key must be a non-empty key name without policy variables.");
                        ok = false;
                        continue;
                    }
                    var values = ReadConditionValues(valueElement, keyPath);
                    if (values is null)
                    {
                        ok = false;
                        continue;
                    }
                    for (var i = 0; i < values.Count; i++)
                    {
                        ok &= ValidateConditionValue(op, values[i], valueElement.ValueKind == JsonValueKind.Array ? JsonPath.Element(keyPath, i) : keyPath);
                    }
                    conditions.Add(new PolicyCondition(op, key, values, keyPath));
                }
            }
            return ok ? conditions : null;
        }

        private bool ValidateConditionValue(ConditionOperator op, string value, string path)
        {
            if (!ValidateVariables(value, path, op.AllowsPolicyVariables, $"{op.Kind} values"))
            {
                return false;
            }
            var valid = op.Kind switch
            {
                ConditionOperatorKind.NumericEquals or ConditionOperatorKind.NumericNotEquals or ConditionOperatorKind.NumericLessThan
                    or ConditionOperatorKind.NumericLessThanEquals or ConditionOperatorKind.NumericGreaterThan
                    or ConditionOperatorKind.NumericGreaterThanEquals => ConditionValues.TryParseNumber(value, out _),
                ConditionOperatorKind.DateEquals or ConditionOperatorKind.DateNotEquals or ConditionOperatorKind.DateLessThan
                    or ConditionOperatorKind.DateLessThanEquals or ConditionOperatorKind.DateGreaterThan
                    or ConditionOperatorKind.DateGreaterThanEquals => ConditionValues.TryParseDate(value, out _),
                ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress => IpRange.TryParse(value, out _),
                ConditionOperatorKind.Bool or ConditionOperatorKind.Null => ConditionValues.TryParseBool(value, out _),
                ConditionOperatorKind.BinaryEquals => value.Length > 0 && Convert.TryFromBase64String(value, new byte[value.Length], out _),
                ConditionOperatorKind.ArnEquals or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnLike
                    or ConditionOperatorKind.ArnNotLike => IsArnShaped(PolicyVariableSyntax.HasVariables(value) ? Placeholder(value) : value),
                _ => true,
            };
            if (!valid)
            {
                Error(path, PolicyFindingCodes.InvalidConditionValue, $"'{Shorten(value)}' is not a valid value for {op.Name}: {Expectation(op.Kind)}.");
            }
            return valid;
        }

        private static string Expectation(ConditionOperatorKind kind) => kind switch
        {
            >= ConditionOperatorKind.NumericEquals and <= ConditionOperatorKind.NumericGreaterThanEquals => "expected a number",
            >= ConditionOperatorKind.DateEquals and <= ConditionOperatorKind.DateGreaterThanEquals => "expected an ISO 8601 date or epoch seconds",
            ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress => "expected an IPv4/IPv6 address or CIDR block",
            ConditionOperatorKind.Bool or ConditionOperatorKind.Null => "expected true or false",
            ConditionOperatorKind.BinaryEquals => "expected base64",
            _ => "expected an ARN with six colon-separated fields",
        };

        private static bool IsArnShaped(string value)
        {
            Span<Range> fields = stackalloc Range[Arn.FieldCount];
            return Arn.TrySplit(value, fields) && value.AsSpan(fields[0]).SequenceEqual("arn");
        }

        private bool ValidateVariables(string value, string path, bool allowed, string where)
        {
            if (!PolicyVariableSyntax.HasVariables(value))
            {
                return true;
            }
            if (!allowed)
            {
                Error(path, PolicyFindingCodes.InvalidPolicyVariable, $"Policy variables are not allowed in {where}; AWS allows them only in resources and string/ARN conditions.");
                return false;
            }
            if (_version != PolicyVersion.V20121017)
            {
                Error(path, PolicyFindingCodes.InvalidPolicyVariable, "Policy variables need \"Version\": \"2012-10-17\"; under 2008-10-17 AWS reads them as literal text.");
                return false;
            }
            if (!PolicyVariableSyntax.TryParse(value, out _, out var error))
            {
                Error(path, PolicyFindingCodes.InvalidPolicyVariable, error!);
                return false;
            }
            return true;
        }

        // The shape of a string once its variables are resolved, for ARN-shape checks (variable names contain colons).
        private static string Placeholder(string value)
        {
            PolicyVariableSyntax.TryParse(value, out var parts, out _);
            return string.Concat(parts!.Select(p => p.Kind == TemplatePartKind.Text ? p.Text : "x"));
        }

        private List<string>? ReadConditionValues(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                var single = ReadScalar(element, path);
                return single is null ? null : [single];
            }
            if (!CheckArray(element, path))
            {
                return null;
            }
            var values = new List<string>();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var value = ReadScalar(item, JsonPath.Element(path, index++));
                if (value is null)
                {
                    return null;
                }
                values.Add(value);
            }
            return values;
        }

        // Condition values may be JSON strings, numbers or booleans; numbers keep their exact text.
        private string? ReadScalar(JsonElement element, string path) => element.ValueKind switch
        {
            JsonValueKind.String => ReadString(element, path),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => WrongType(path, "a string, number or boolean", element),
        };

        private List<string>? ReadStringList(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                var single = ReadString(element, path);
                return single is null ? null : [single];
            }
            if (element.ValueKind != JsonValueKind.Array)
            {
                WrongType(path, "a string or an array of strings", element);
                return null;
            }
            if (!CheckArray(element, path))
            {
                return null;
            }
            var values = new List<string>();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var value = ReadString(item, JsonPath.Element(path, index++));
                if (value is null)
                {
                    return null;
                }
                values.Add(value);
            }
            return values;
        }

        private bool CheckArray(JsonElement element, string path)
        {
            var length = element.GetArrayLength();
            if (length == 0)
            {
                Error(path, PolicyFindingCodes.EmptyList, "The list is empty.");
                return false;
            }
            if (length > options.MaxArrayLength)
            {
                Error(path, PolicyFindingCodes.LimitExceeded, $"The list has {length} items; at most {options.MaxArrayLength} are accepted.");
                return false;
            }
            return true;
        }

        private string? ReadString(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return WrongType(path, "a string", element);
            }
            var value = element.GetString()!;
            if (value.Length > options.MaxStringLength)
            {
                Error(path, PolicyFindingCodes.LimitExceeded, $"The string has {value.Length} characters; at most {options.MaxStringLength} are accepted.");
                return null;
            }
            return value;
        }

        // Reads an object's properties, rejecting duplicates (case-insensitively: IAM compares keys that way) and,
        // when allowedKeys is given, names the grammar does not know.
        private Dictionary<string, JsonElement>? ReadObject(JsonElement element, string path, string[]? allowedKeys)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                WrongType(path, "an object", element);
                return null;
            }
            var properties = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            var ok = true;
            var count = 0;
            foreach (var property in element.EnumerateObject())
            {
                var name = property.Name;
                var propertyPath = JsonPath.Property(path, Shorten(name));
                if (++count > options.MaxArrayLength || name.Length > options.MaxStringLength)
                {
                    Error(propertyPath, PolicyFindingCodes.LimitExceeded, "The object is too large or has a key that is too long.");
                    return null;
                }
                if (!properties.TryAdd(name, property.Value))
                {
                    Error(propertyPath, PolicyFindingCodes.DuplicateKey, $"'{name}' appears more than once (keys compare case-insensitively); the policy is ambiguous.");
                    ok = false;
                }
                else if (allowedKeys is not null && !allowedKeys.Contains(name, StringComparer.Ordinal))
                {
                    Error(propertyPath, PolicyFindingCodes.UnknownElement, $"'{name}' is not a policy element here; expected one of {string.Join(", ", allowedKeys)} (case matters).");
                    ok = false;
                }
            }
            return ok ? properties : null;
        }

        private string? WrongType(string path, string expected, JsonElement actual)
        {
            Error(path, PolicyFindingCodes.WrongType, $"Expected {expected}, found {actual.ValueKind.ToString().ToLowerInvariant()}.");
            return null;
        }

        private void Error(string path, string code, string message) =>
            Findings.Add(new PolicyFinding(FindingSeverity.Error, path, code, message));

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

        private static void AddIfNotNull(List<PolicyStatement> statements, PolicyStatement? statement)
        {
            if (statement is not null)
            {
                statements.Add(statement);
            }
        }

        private static readonly System.Buffers.SearchValues<char> ServiceChars =
            System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-*?");
    }
}
