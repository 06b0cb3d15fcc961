using ApiAuth.Arns;

namespace ApiAuth.Policies.Evaluation;

/// <summary>Who is calling: anonymous, an account, an IAM user or role, a role session, or a service.</summary>
public sealed class RequestPrincipal
{
    private RequestPrincipal(CallerType type, string? arn, string? accountId, string partition, string? name)
    {
        Type = type;
        Arn = arn;
        AccountId = accountId;
        Partition = partition;
        Name = name;
    }

    /// <summary>The anonymous caller.</summary>
    public static RequestPrincipal Anonymous { get; } = new(CallerType.Anonymous, null, null, "aws", null);

    /// <summary>The kind of caller.</summary>
    public CallerType Type { get; }

    /// <summary>The caller's ARN (the service name for services); <see langword="null"/> when anonymous.</summary>
    public string? Arn { get; }

    /// <summary>The caller's account id; <see langword="null"/> when anonymous or a service.</summary>
    public string? AccountId { get; }

    /// <summary>The caller's partition.</summary>
    public string Partition { get; }

    /// <summary>The user name, role name (for roles and their sessions) or federated user name.</summary>
    public string? Name { get; }

    /// <summary>How AWS names the caller in denial messages: its ARN, or <c>anonymous</c>.</summary>
    public string DisplayName => Arn ?? "anonymous";

    /// <summary>
    /// Reads a caller: <c>anonymous</c>, a 12-digit account id, an IAM root/user/role ARN, an STS assumed-role or
    /// federated-user ARN, or a service name ending in <c>.amazonaws.com</c>.
    /// </summary>
    /// <param name="text">The caller text.</param>
    /// <param name="principal">The caller, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the text names a caller.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RequestPrincipal? principal)
    {
        principal = null;
        if (string.IsNullOrEmpty(text) || text.AsSpan().ContainsAny('*', '?'))
        {
            return false;
        }
        if (text == "anonymous")
        {
            principal = Anonymous;
            return true;
        }
        if (PrincipalArn.IsAccountId(text))
        {
            principal = new RequestPrincipal(CallerType.Account, $"arn:aws:iam::{text}:root", text, "aws", null);
            return true;
        }
        if (text.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) && !text.Contains(':', StringComparison.Ordinal))
        {
            principal = new RequestPrincipal(CallerType.Service, text, null, "aws", null);
            return true;
        }
        if (!PrincipalArn.IsValidPolicyPrincipal(text) || !Arns.Arn.TryParse(text, out var arn))
        {
            return false;
        }
        var segments = arn.Resource.Split('/');
        principal = (arn.Service, segments[0]) switch
        {
            ("iam", "root") => new RequestPrincipal(CallerType.Account, text, arn.Account, arn.Partition, null),
            ("iam", "user") => new RequestPrincipal(CallerType.User, text, arn.Account, arn.Partition, segments[^1]),
            ("iam", "role") => new RequestPrincipal(CallerType.Role, text, arn.Account, arn.Partition, segments[^1]),
            ("sts", "assumed-role") => new RequestPrincipal(CallerType.AssumedRole, text, arn.Account, arn.Partition, segments[1]),
            _ => new RequestPrincipal(CallerType.FederatedUser, text, arn.Account, arn.Partition, segments[^1]),
        };
        return true;
    }

    /// <summary>Reads a caller, throwing for text that names none.</summary>
    /// <param name="text">The caller text (see <see cref="TryParse"/>).</param>
    /// <returns>The caller.</returns>
    /// <exception cref="FormatException">The text names no caller.</exception>
    public static RequestPrincipal Parse(string text) =>
        TryParse(text, out var principal) ? principal
            : throw new FormatException($"'{text}' is not a caller: use \"anonymous\", an account id, or an IAM/STS principal ARN.");

    /// <summary>
    /// The global condition keys the gateway derives from the caller (AWS "Policy variables": the table of
    /// aws:username / aws:userid / aws:PrincipalType per principal type). <c>aws:userid</c> is included only where it
    /// can be derived from the ARN (AWS uses unique ids such as <c>AIDA...</c> for users and roles); supply it in the
    /// request context when a policy needs it.
    /// </summary>
    /// <returns>Key/value pairs to add to the request context.</returns>
    public IEnumerable<KeyValuePair<string, string>> DerivedContextKeys()
    {
        static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
        switch (Type)
        {
            case CallerType.Anonymous:
                yield return Pair("aws:PrincipalType", "Anonymous");
                yield return Pair("aws:userid", "anonymous");
                yield break;
            case CallerType.Service:
                yield return Pair("aws:PrincipalServiceName", Arn!);
                yield break;
        }
        yield return Pair("aws:PrincipalAccount", AccountId!);
        switch (Type)
        {
            case CallerType.Account:
                yield return Pair("aws:PrincipalArn", Arn!);
                yield return Pair("aws:PrincipalType", "Account");
                yield return Pair("aws:userid", AccountId!);
                break;
            case CallerType.User:
                yield return Pair("aws:PrincipalArn", Arn!);
                yield return Pair("aws:PrincipalType", "User");
                yield return Pair("aws:username", Name!);
                break;
            case CallerType.Role:
                yield return Pair("aws:PrincipalArn", Arn!);
                yield return Pair("aws:PrincipalType", "AssumedRole");
                break;
            case CallerType.AssumedRole:
                // aws:PrincipalArn of a role session is the role's ARN, not the session's.
                yield return Pair("aws:PrincipalArn", $"arn:{Partition}:iam::{AccountId}:role/{Name}");
                yield return Pair("aws:PrincipalType", "AssumedRole");
                break;
            case CallerType.FederatedUser:
                yield return Pair("aws:PrincipalArn", Arn!);
                yield return Pair("aws:PrincipalType", "FederatedUser");
                yield return Pair("aws:userid", $"{AccountId}:{Name}");
                break;
        }
    }
}
