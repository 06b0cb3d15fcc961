using Microsoft.AspNetCore.Authentication;

namespace ApiAuth.AspNetCore.Authentication;

/// <summary>Options of the ApiAuth authentication scheme; the API itself is configured by <c>ApiAuthOptions</c>.</summary>
public sealed class ApiAuthSchemeOptions : AuthenticationSchemeOptions;
