using ApiAuth.Gateway;
using ApiAuth.Model;
using ApiAuth.SigV4.Credentials;
using ApiAuth.UsagePlans;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Configuration;

/// <summary>
/// Builds the Core pipeline from the checked <see cref="ApiModel"/> once, at start-up. What only the adapter knows
/// (trusted proxies, forwarded headers, API keys from DI, Redis) is checked here, and every problem, the model's
/// included, stops the app in one error.
/// </summary>
internal static class ApiGatewayFactory
{
    /// <param name="options">The API's settings.</param>
    /// <param name="build">The model built from them, or its problems.</param>
    /// <param name="authorizers">The model's authorizers with their implementations, or null when they failed to build.</param>
    /// <param name="otherProblems">Problems found elsewhere (the authorizers' implementations, a test kit).</param>
    /// <param name="time">The clock.</param>
    /// <param name="extraCredentials">A test kit's callers, asked after the configured ones; null outside tests.</param>
    /// <param name="apiKeyStore">The app's API key store, asked after the configured keys; null for none.</param>
    /// <param name="sharedUsage">Opens the shared usage counters (Redis), reporting problems; null for none.</param>
    public static ApiGateway Create(ApiAuthOptions options, ApiModelBuild build, IGatewayAuthorizers? authorizers, IEnumerable<string> otherProblems, TimeProvider time, ICredentialStore? extraCredentials = null, IApiKeyStore? apiKeyStore = null, Func<List<string>, ISharedUsage?>? sharedUsage = null)
    {
        var errors = new List<string>(otherProblems);
        errors.AddRange(build.Problems);
        foreach (var proxy in options.TrustedProxies.Where(proxy => !Http.TrustedProxies.TryParseRange(proxy, out _)))
        {
            errors.Add($"ApiAuth:TrustedProxies: '{proxy}' is not an IP address or CIDR range.");
        }
        if ((options.SourceVpceHeader is not null || options.SourceVpcHeader is not null) && options.TrustedProxies.Count == 0)
        {
            errors.Add("ApiAuth:SourceVpceHeader and ApiAuth:SourceVpcHeader need ApiAuth:TrustedProxies: only a trusted proxy may say which VPC endpoint a request came through.");
        }
        var usagePlans = UsagePlanFactory.Create(options, apiKeyStore, sharedUsage?.Invoke(errors), time, errors);
        if (errors.Count > 0 || build.Model is not { } model)
        {
            throw new OptionsValidationException(ApiAuthDefaults.ConfigurationSection, typeof(ApiAuthOptions), errors);
        }
        return ApiGateway.Create(model, authorizers, extraCredentials, usagePlans, time);
    }
}
