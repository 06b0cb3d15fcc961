namespace ApiAuth.UsagePlans;

/// <summary>
/// API Gateway's bodies and <c>x-amzn-ErrorType</c> values for API key and usage plan refusals (AWS, "Choose an API key
/// source": a key that does not match gets 403 Forbidden; "How do I troubleshoot 429 Too Many Requests or Limit
/// Exceeded errors": the throttle and the quota get 429).
/// </summary>
public static class UsageResponses
{
    /// <summary>The 403 message for a missing, unknown or disabled key.</summary>
    public const string ForbiddenMessage = "Forbidden";

    /// <summary>The 403 <c>x-amzn-ErrorType</c>.</summary>
    public const string ForbiddenErrorType = "ForbiddenException";

    /// <summary>The 429 message of the throttle.</summary>
    public const string ThrottledMessage = "Too Many Requests";

    /// <summary>The throttle's <c>x-amzn-ErrorType</c>.</summary>
    public const string ThrottledErrorType = "TooManyRequestsException";

    /// <summary>The 429 message of the quota.</summary>
    public const string QuotaExceededMessage = "Limit Exceeded";

    /// <summary>The quota's <c>x-amzn-ErrorType</c>.</summary>
    public const string QuotaExceededErrorType = "LimitExceededException";
}
