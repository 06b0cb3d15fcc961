using ApiAuth.Arns;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Policies.Compilation;

/// <summary>How to compile a policy.</summary>
/// <param name="Name">The name decisions use for the policy, e.g. <c>resourcePolicy</c> or <c>alice/ReadPets</c>.</param>
/// <param name="Kind">Identity or resource policy.</param>
/// <param name="Api">The API a resource policy is attached to; needed to expand <c>execute-api:/...</c>.</param>
public sealed record PolicyCompileOptions(string Name, PolicyKind Kind, RestApiReference? Api = null);
