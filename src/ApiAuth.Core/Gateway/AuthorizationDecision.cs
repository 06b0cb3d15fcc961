using ApiAuth.Policies.Compilation;
using ApiAuth.Policies.Evaluation;

namespace ApiAuth.Gateway;

/// <summary>
/// What API Gateway does with a request after authorization: continue, or answer with a gateway response
/// (status, <c>x-amzn-ErrorType</c>, message), plus the statements that decided.
/// </summary>
public sealed class AuthorizationDecision
{
    private AuthorizationDecision(PolicyDecision decision, int statusCode, string? errorType, string? message, IReadOnlyList<CompiledStatement> statements)
    {
        Decision = decision;
        StatusCode = statusCode;
        ErrorType = errorType;
        Message = message;
        Statements = statements;
    }

    /// <summary>Whether the request may continue.</summary>
    public bool IsAllowed => Decision == PolicyDecision.Allow;

    /// <summary>The combined policy decision.</summary>
    public PolicyDecision Decision { get; }

    /// <summary>200 when allowed; the gateway response status otherwise (403 for policy denials).</summary>
    public int StatusCode { get; }

    /// <summary>The <c>x-amzn-ErrorType</c> header value when denied, e.g. <c>AccessDeniedException</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The body's <c>message</c> when denied, worded as AWS words it.</summary>
    public string? Message { get; }

    /// <summary>The statements that decided (empty for an implicit deny or when no policy applied).</summary>
    public IReadOnlyList<CompiledStatement> Statements { get; }

    /// <summary>An allow.</summary>
    /// <param name="statements">The allowing statements (empty when no policy was involved).</param>
    /// <returns>The decision.</returns>
    public static AuthorizationDecision Allow(IReadOnlyList<CompiledStatement> statements) =>
        new(PolicyDecision.Allow, 200, null, null, statements);

    /// <summary>A 403 <c>AccessDeniedException</c> denial.</summary>
    /// <param name="decision">Explicit or implicit deny.</param>
    /// <param name="message">AWS's message.</param>
    /// <param name="statements">The denying statements (empty for an implicit deny).</param>
    /// <returns>The decision.</returns>
    public static AuthorizationDecision AccessDenied(PolicyDecision decision, string message, IReadOnlyList<CompiledStatement> statements)
    {
        if (decision == PolicyDecision.Allow)
        {
            throw new ArgumentException("A denial needs ExplicitDeny or ImplicitDeny.", nameof(decision));
        }
        return new(decision, 403, AccessDeniedErrorType, message, statements);
    }

    /// <summary>The error type API Gateway sends for policy denials.</summary>
    public const string AccessDeniedErrorType = "AccessDeniedException";

    /// <inheritdoc/>
    public override string ToString() =>
        IsAllowed ? $"Allow ({string.Join(", ", Statements)})" : $"{Decision}: {StatusCode} {ErrorType}: {Message} ({string.Join(", ", Statements)})";
}
