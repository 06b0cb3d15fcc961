using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Validation;
using ApiAuth.SigV4;
using ApiAuth.SigV4.Credentials;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Builds the Core pipeline from <see cref="ApiAuthOptions"/> once, at start-up, so a bad policy or credential
/// stops the app with a message that says what to fix instead of failing requests later.
/// </summary>
internal static class ApiGatewayFactory
{
    /// <param name="options">The API's settings.</param>
    /// <param name="authorizers">The authorizers, or null when they failed to build.</param>
    /// <param name="authorizerProblems">Errors found while building the authorizers (and routes).</param>
    /// <param name="time">The clock.</param>
    /// <param name="contentRoot">Where relative files are found.</param>
    /// <param name="extraCredentials">A test kit's callers, asked after the configured ones; null outside tests.</param>
    /// <param name="apiKeyStore">The app's API key store, asked after the configured keys; null for none.</param>
    /// <param name="sharedUsage">Opens the shared usage counters (Redis), reporting problems; null for none.</param>
    public static ApiGateway Create(ApiAuthOptions options, IGatewayAuthorizers? authorizers, IEnumerable<string> authorizerProblems, TimeProvider time, string contentRoot, ICredentialStore? extraCredentials = null, ApiAuth.UsagePlans.IApiKeyStore? apiKeyStore = null, Func<List<string>, ApiAuth.UsagePlans.ISharedUsage?>? sharedUsage = null)
    {
        var errors = new List<string>(authorizerProblems);
        var api = new RestApiReference(options.Region, options.AccountId, options.ApiId);
        if (options.AccountId is not { Length: 12 } || !options.AccountId.All(char.IsAsciiDigit))
        {
            errors.Add($"ApiAuth:AccountId must be a 12-digit account id, got '{options.AccountId}'.");
        }
        foreach (var (name, value) in new[] { ("Region", options.Region), ("ApiId", options.ApiId), ("Stage", options.Stage) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.AsSpan().ContainsAny("/:* "))
            {
                errors.Add($"ApiAuth:{name} must be a non-empty name without '/', ':', '*' or spaces, got '{value}'.");
            }
        }

        var resourcePolicy = LoadResourcePolicy(options, api, contentRoot, errors);
        var credentials = new List<AccessKeyCredential>();
        for (var i = 0; i < options.Credentials.Count; i++)
        {
            var entry = options.Credentials[i];
            try
            {
                credentials.Add(new AccessKeyCredential(entry.AccessKeyId, entry.SecretAccessKey, entry.PrincipalArn)
                {
                    SessionToken = string.IsNullOrEmpty(entry.SessionToken) ? null : entry.SessionToken,
                    UserId = entry.UserId,
                    Tags = new Dictionary<string, string>(entry.Tags),
                    IdentityPolicies = [.. entry.Policies],
                });
            }
            catch (ArgumentException exception)
            {
                errors.Add($"ApiAuth:Credentials:{i}: {exception.Message}");
                continue;
            }
        }

        SigV4Verifier? verifier = null;
        try
        {
            ICredentialStore store = new InMemoryCredentialStore(credentials);
            if (extraCredentials is not null)
            {
                store = new TestHooks.ChainedCredentialStore(store, extraCredentials);
            }
            verifier = new SigV4Verifier(store, new SigV4VerifierOptions { Regions = [options.Region], ClockSkew = options.ClockSkew, AllowUnsignedPayload = options.AllowUnsignedPayload }, time);
        }
        catch (ArgumentException exception)
        {
            errors.Add($"ApiAuth:Credentials: {exception.Message}");
        }
        if (options.MaxBodySize is < 0 or > int.MaxValue)
        {
            errors.Add($"ApiAuth:MaxBodySize must be between 0 and {int.MaxValue} bytes.");
        }
        foreach (var type in options.GatewayResponses.Keys.Where(type => !GatewayResponseTypes.All.Contains(type, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"ApiAuth:GatewayResponses:{type} is not a gateway response type; use one of {string.Join(", ", GatewayResponseTypes.All)}.");
        }
        foreach (var proxy in options.TrustedProxies.Where(proxy => !Http.TrustedProxies.TryParseRange(proxy, out _)))
        {
            errors.Add($"ApiAuth:TrustedProxies: '{proxy}' is not an IP address or CIDR range.");
        }

        if ((options.SourceVpceHeader is not null || options.SourceVpcHeader is not null) && options.TrustedProxies.Count == 0)
        {
            errors.Add("ApiAuth:SourceVpceHeader and ApiAuth:SourceVpcHeader need ApiAuth:TrustedProxies: only a trusted proxy may say which VPC endpoint a request came through.");
        }
        var usagePlans = UsagePlanFactory.Create(options, apiKeyStore, sharedUsage?.Invoke(errors), time, errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), errors);
        }

        // Compiling the configured callers' identity policies here both validates them and spares their first requests the work.
        var gateway = new ApiGateway(api, options.Stage, verifier, resourcePolicy, authorizers, time) { UsagePlanEnforcer = usagePlans };
        for (var i = 0; i < credentials.Count; i++)
        {
            if (gateway.PrepareCaller(credentials[i]) is { } error)
            {
                errors.Add($"ApiAuth:Credentials:{i}: {error}");
            }
        }
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), errors);
        }
        return gateway;
    }

    private static CompiledPolicy? LoadResourcePolicy(ApiAuthOptions options, RestApiReference api, string contentRoot, List<string> errors)
    {
        var json = options.ResourcePolicy;
        var source = "ApiAuth:ResourcePolicy";
        if (string.IsNullOrWhiteSpace(json) && !string.IsNullOrWhiteSpace(options.ResourcePolicyFile))
        {
            var path = Path.Combine(options.BaseDirectory ?? contentRoot, options.ResourcePolicyFile);
            source = $"ApiAuth:ResourcePolicyFile ({path})";
            try
            {
                json = File.ReadAllText(path);
            }
            catch (IOException exception)
            {
                errors.Add($"{source} cannot be read: {exception.Message}");
                return null;
            }
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        var loaded = PolicyCompiler.Load(json, new PolicyCompileOptions("resource policy", PolicyKind.Resource, api));
        if (!loaded.IsValid)
        {
            errors.Add($"{source} is not a valid resource policy: {loaded.ErrorMessage}");
        }
        return loaded.Policy;
    }
}
