using ApiAuth.Gateway;

namespace ApiAuth.UsagePlans;

/// <summary>The API key and usage plan check of one request: <see cref="DecisionReason.Allow"/> or why not, with the
/// key and plan when they were found. A struct: the check allocates nothing.</summary>
internal readonly record struct UsageCheck(DecisionReason Reason, ApiKey? Key = null, UsagePlan? Plan = null, string? Detail = null)
{
    public bool IsAllowed => Reason == DecisionReason.Allow;
}
