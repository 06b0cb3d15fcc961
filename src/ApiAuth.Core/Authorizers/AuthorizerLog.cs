using ApiAuth.Gateway;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Authorizers;

/// <summary>
/// What authorizers log, with fixed event ids. Messages name the authorizer and the cause (the exception object, an
/// HTTP status); never a token, an identity source value or an authorizer's context.
/// </summary>
internal static partial class AuthorizerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Custom authorizer '{Authorizer}' threw; the request gets 500 AuthorizerConfigurationException")]
    public static partial void AuthorizerThrew(ILogger logger, string authorizer, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Custom authorizer '{Authorizer}' did not answer within {Timeout}; the request gets 500 AuthorizerConfigurationException")]
    public static partial void AuthorizerTimedOut(ILogger logger, string authorizer, TimeSpan timeout);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Custom authorizer '{Authorizer}' returned a malformed response ({Reason}); the request gets 500 AuthorizerConfigurationException")]
    public static partial void AuthorizerMalformed(ILogger logger, string authorizer, DecisionReason reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "JWKS fetch from {JwksUri} failed with HTTP {StatusCode}; the last good keys stay in use")]
    public static partial void JwksFetchStatus(ILogger logger, Uri jwksUri, int statusCode);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "JWKS fetch from {JwksUri} failed: {Problem}; the last good keys stay in use")]
    public static partial void JwksFetchRefused(ILogger logger, Uri jwksUri, string problem);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "JWKS fetch from {JwksUri} failed; the last good keys stay in use")]
    public static partial void JwksFetchThrew(ILogger logger, Uri jwksUri, Exception exception);
}
