using ApiAuth.Arns;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Parsing;

namespace ApiAuth.Policies.Compilation;

/// <summary>
/// A <c>Principal</c> block ready for matching (AWS "AWS JSON policy elements: Principal"): <c>*</c> is everyone,
/// anonymous callers included; an account id or account root ARN is every principal of that account; a role ARN also
/// matches the role's sessions; other ARNs match exactly.
/// </summary>
internal sealed class CompiledPrincipal
{
    private readonly bool _anyone;
    private readonly Entry[] _entries;

    public CompiledPrincipal(PrincipalBlock block)
    {
        _anyone = block.IsAnyone;
        _entries = [.. block.Entries.Select(Compile)];
    }

    private enum EntryKind
    {
        Account,
        Role,
        Exact,
        Service,
    }

    /// <summary>
    /// Whether the block names the caller itself (everyone, or its user/role/session/service ARN) rather than only
    /// its account. An account principal delegates to the account's identity policies (AWS "Policy evaluation for
    /// requests within a single account"), so it is not a grant on its own.
    /// </summary>
    public bool NamesCallerDirectly(RequestPrincipal principal) =>
        _anyone || _entries.Any(e => e.Kind != EntryKind.Account && MatchesEntry(e, principal));

    /// <summary>Whether the block covers the caller (a loop, not LINQ: this is on the allocation-free path).</summary>
    public bool Matches(RequestPrincipal principal)
    {
        if (_anyone)
        {
            return true;
        }
        foreach (var entry in _entries)
        {
            if (MatchesEntry(entry, principal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool MatchesEntry(Entry entry, RequestPrincipal principal) =>
        principal.Type != CallerType.Anonymous && entry.Kind switch
        {
            EntryKind.Account => principal.AccountId == entry.Account && (entry.Partition is null || entry.Partition == principal.Partition),
            EntryKind.Role => principal.Arn == entry.Value
                || (principal.Type == CallerType.AssumedRole && principal.AccountId == entry.Account
                    && principal.Partition == entry.Partition && principal.Name == entry.RoleName),
            EntryKind.Service => principal.Type == CallerType.Service && string.Equals(principal.Arn, entry.Value, StringComparison.OrdinalIgnoreCase),
            _ => principal.Arn == entry.Value,
        };

    private static Entry Compile(PrincipalEntry entry)
    {
        if (entry.Type == PrincipalType.Service)
        {
            return new Entry(EntryKind.Service, entry.Value, null, null, null);
        }
        if (entry.Type != PrincipalType.Aws)
        {
            return new Entry(EntryKind.Exact, entry.Value, null, null, null);
        }
        if (PrincipalArn.IsAccountId(entry.Value))
        {
            return new Entry(EntryKind.Account, entry.Value, entry.Value, null, null);
        }
        var arn = Arn.TryParse(entry.Value, out var parsed) ? parsed : throw new ArgumentException($"'{entry.Value}' was not validated.", nameof(entry));
        if (arn.Service == "iam" && arn.Resource == "root")
        {
            return new Entry(EntryKind.Account, entry.Value, arn.Account, arn.Partition, null);
        }
        if (arn.Service == "iam" && arn.Resource.StartsWith("role/", StringComparison.Ordinal))
        {
            // A role session ARN carries the role name but not its path: match on the last path segment.
            return new Entry(EntryKind.Role, entry.Value, arn.Account, arn.Partition, arn.Resource[(arn.Resource.LastIndexOf('/') + 1)..]);
        }
        return new Entry(EntryKind.Exact, entry.Value, arn.Account, arn.Partition, null);
    }

    private sealed record Entry(EntryKind Kind, string Value, string? Account, string? Partition, string? RoleName);
}
