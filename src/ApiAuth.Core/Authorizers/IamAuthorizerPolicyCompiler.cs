using System.Diagnostics.CodeAnalysis;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;

namespace ApiAuth.Authorizers;

/// <summary>
/// Compiles custom authorizers' policies with the IAM policy engine, as identity policies (API Gateway treats the
/// returned policy as the caller's identity policy for <c>execute-api:Invoke</c>).
/// </summary>
public sealed class IamAuthorizerPolicyCompiler : IAuthorizerPolicyCompiler
{
    /// <summary>The shared instance; the compiler keeps no state.</summary>
    public static IamAuthorizerPolicyCompiler Instance { get; } = new();

    /// <inheritdoc/>
    public bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error)
    {
        var loaded = PolicyCompiler.Load(policyDocumentJson, new PolicyCompileOptions("authorizer policy", PolicyKind.Identity));
        if (!loaded.IsValid)
        {
            policy = null;
            error = loaded.ErrorMessage;
            return false;
        }

        policy = new IamAuthorizerPolicy(loaded.Policy);
        error = null;
        return true;
    }
}
