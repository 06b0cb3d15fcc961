using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.TestHooks;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Testing;

/// <summary>The kit as the adapter sees it: its callers, its keys, its fake authorizers.</summary>
internal sealed class TestKitHooks(ApiAuthTestKit kit) : IApiAuthTestHooks
{
    public ICredentialStore Credentials { get; } = new KitCredentialStore(kit);

    public JwksSource SigningKeys => kit.UserPool.SigningKeys;

    public IReadOnlyList<string> Attach(ApiAuthOptions options)
    {
        kit.Attach(options);
        return [.. kit.ReplacedNames.Select(name => ProblemWith(name, options)).OfType<string>()];
    }

    public ICustomAuthorizer? CustomAuthorizer(string name, ICustomAuthorizer? registered) =>
        registered is null && kit.ReplacementFor(name) is null ? null : new ReplaceableAuthorizer(kit, name, registered);

    internal static string? ProblemWith(string name, ApiAuthOptions options)
    {
        var custom = options.Authorizers.Where(a => a.Value.Type.ToUpperInvariant() is "TOKEN" or "REQUEST").Select(a => a.Key).ToList();
        return custom.Contains(name, StringComparer.Ordinal)
            ? null
            : $"ApiAuthTestKit.ReplaceAuthorizer(\"{name}\"): the app has no TOKEN or REQUEST authorizer named '{name}' (it has: {(custom.Count == 0 ? "none" : string.Join(", ", custom))}).";
    }

    private sealed class KitCredentialStore(ApiAuthTestKit kit) : ICredentialStore
    {
        public ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(kit.FindCredential(accessKeyId));
    }

    // Asks the kit at every invocation, so a test can replace an authorizer after the app started.
    private sealed class ReplaceableAuthorizer(ApiAuthTestKit kit, string name, ICustomAuthorizer? registered) : ICustomAuthorizer
    {
        public Task<CustomAuthorizerResponse> AuthorizeAsync(CustomAuthorizerRequest request, CancellationToken cancellationToken) =>
            ((ICustomAuthorizer?)kit.ReplacementFor(name) ?? registered)!.AuthorizeAsync(request, cancellationToken);
    }
}
