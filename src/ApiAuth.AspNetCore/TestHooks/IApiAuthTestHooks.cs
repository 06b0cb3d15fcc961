using ApiAuth.AspNetCore.Configuration;
using ApiAuth.Authorizers.Custom;
using ApiAuth.Authorizers.Jwt;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.AspNetCore.TestHooks;

/// <summary>
/// Where ApiAuth.Testing plugs into the app under test. Registered only by <c>services.AddApiAuthTestKit(kit)</c>;
/// without it none of this exists, so the kit's callers, keys and decision header cannot reach a production app.
/// Internal on purpose: it is not a general extension point.
/// </summary>
internal interface IApiAuthTestHooks
{
    /// <summary>Callers asked for after the app's own credentials.</summary>
    ICredentialStore Credentials { get; }

    /// <summary>Keys every COGNITO_USER_POOLS and JWT authorizer trusts beside its own JWKS (issuer and audiences stay the app's).</summary>
    JwksSource SigningKeys { get; }

    /// <summary>Tells the kit the app's final options, once, when the gateway is built.</summary>
    /// <returns>Problems with what the kit was asked to do (e.g. replacing an authorizer the app does not have);
    /// they stop the app with the configuration's own errors.</returns>
    IReadOnlyList<string> Attach(ApiAuthOptions options);

    /// <summary>The implementation to run for the TOKEN/REQUEST authorizer <paramref name="name"/>.</summary>
    /// <param name="name">The authorizer's name.</param>
    /// <param name="registered">The app's own implementation, or null when it registered none.</param>
    /// <returns>The implementation to use, or null for none.</returns>
    ICustomAuthorizer? CustomAuthorizer(string name, ICustomAuthorizer? registered);
}
