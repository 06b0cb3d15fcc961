using System.Diagnostics.CodeAnalysis;

namespace ApiAuth.Authorizers;

/// <summary>
/// The seam between the authorizers and the IAM policy engine: turns the JSON policy document a custom authorizer
/// returned into an <see cref="IAuthorizerPolicy"/>. The policy engine provides the production implementation.
/// </summary>
public interface IAuthorizerPolicyCompiler
{
    /// <summary>Parses, validates and compiles a policy document.</summary>
    /// <param name="policyDocumentJson">The policy document as JSON.</param>
    /// <param name="policy">The compiled policy when the document is valid.</param>
    /// <param name="error">Why the document is invalid, when it is; never contains secrets.</param>
    /// <returns><see langword="true"/> when the document is valid.</returns>
    bool TryCompile(string policyDocumentJson, [NotNullWhen(true)] out IAuthorizerPolicy? policy, out string? error);
}
