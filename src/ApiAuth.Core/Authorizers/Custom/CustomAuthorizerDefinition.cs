using System.Text.RegularExpressions;

namespace ApiAuth.Authorizers.Custom;

/// <summary>
/// The configuration of one custom authorizer, validated when it is built (as API Gateway validates it when the
/// authorizer is created): name, type, identity sources, TOKEN validation expression, result TTL and timeout.
/// </summary>
public sealed class CustomAuthorizerDefinition
{
    /// <summary>API Gateway's default result TTL.</summary>
    public static readonly TimeSpan DefaultResultTtl = TimeSpan.FromSeconds(300);

    /// <summary>API Gateway's largest result TTL.</summary>
    public static readonly TimeSpan MaximumResultTtl = TimeSpan.FromSeconds(3600);

    /// <summary>How long an authorizer may run unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the validation expression may run on one token.</summary>
    public static readonly TimeSpan ValidationExpressionTimeout = TimeSpan.FromMilliseconds(100);

    private CustomAuthorizerDefinition(
        string name,
        CustomAuthorizerType type,
        IReadOnlyList<IdentitySource> identitySources,
        Regex? validationExpression,
        TimeSpan resultTtl,
        TimeSpan timeout)
    {
        Name = name;
        Type = type;
        IdentitySources = identitySources;
        ValidationExpression = validationExpression;
        ResultTtl = resultTtl;
        Timeout = timeout;
    }

    /// <summary>The authorizer's name; part of every cache key.</summary>
    public string Name { get; }

    /// <summary>TOKEN or REQUEST.</summary>
    public CustomAuthorizerType Type { get; }

    /// <summary>The identity sources, in order; a TOKEN authorizer has exactly one header.</summary>
    internal IReadOnlyList<IdentitySource> IdentitySources { get; }

    /// <summary>The TOKEN validation expression, anchored to the whole token, with a match timeout.</summary>
    public Regex? ValidationExpression { get; }

    /// <summary>How long a result is cached; zero turns the cache off.</summary>
    public TimeSpan ResultTtl { get; }

    /// <summary>How long the authorizer may run before the request fails with 500.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Defines a TOKEN authorizer.</summary>
    /// <param name="name">The authorizer's name.</param>
    /// <param name="identitySource">The header carrying the token; default <c>method.request.header.Authorization</c>.</param>
    /// <param name="validationExpression">Optional regex the whole token must match before the authorizer is invoked.</param>
    /// <param name="resultTtlInSeconds">0–3600; default 300; 0 turns caching off.</param>
    /// <param name="timeout">How long the authorizer may run; default <see cref="DefaultTimeout"/>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentException">A setting API Gateway would refuse.</exception>
    public static CustomAuthorizerDefinition Token(
        string name,
        string identitySource = "method.request.header.Authorization",
        string? validationExpression = null,
        int resultTtlInSeconds = 300,
        TimeSpan? timeout = null)
    {
        var source = IdentitySource.Parse(identitySource);
        if (source.Kind != IdentitySourceKind.Header)
        {
            throw new ArgumentException(
                $"A TOKEN authorizer reads its token from a header; '{identitySource}' is not method.request.header.<name>.",
                nameof(identitySource));
        }

        Regex? regex = null;
        if (!string.IsNullOrEmpty(validationExpression))
        {
            try
            {
                // API Gateway matches the whole token; anchoring makes "abc" reject "xabcx" whatever the user wrote.
                regex = new Regex(
                    $@"\A(?:{validationExpression})\z",
                    RegexOptions.CultureInvariant,
                    ValidationExpressionTimeout);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Validation expression of authorizer '{name}' is not a valid regex: {e.Message}", nameof(validationExpression), e);
            }
        }

        return new CustomAuthorizerDefinition(
            ValidName(name), CustomAuthorizerType.Token, [source], regex, ValidTtl(resultTtlInSeconds), ValidTimeout(timeout));
    }

    /// <summary>Defines a REQUEST authorizer.</summary>
    /// <param name="name">The authorizer's name.</param>
    /// <param name="identitySources">Comma-separated identity sources; may be empty only when caching is off.</param>
    /// <param name="resultTtlInSeconds">0–3600; default 300; 0 turns caching off.</param>
    /// <param name="timeout">How long the authorizer may run; default <see cref="DefaultTimeout"/>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentException">A setting API Gateway would refuse.</exception>
    public static CustomAuthorizerDefinition Request(
        string name,
        string identitySources,
        int resultTtlInSeconds = 300,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(identitySources);
        var ttl = ValidTtl(resultTtlInSeconds);
        var sources = string.IsNullOrWhiteSpace(identitySources) ? [] : IdentitySource.ParseList(identitySources);
        if (sources.Count == 0 && ttl > TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"REQUEST authorizer '{name}' caches results but has no identity sources to key them by; add identity sources or set the TTL to 0.",
                nameof(identitySources));
        }

        return new CustomAuthorizerDefinition(ValidName(name), CustomAuthorizerType.Request, sources, null, ttl, ValidTimeout(timeout));
    }

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }

    private static TimeSpan ValidTtl(int seconds)
    {
        if (seconds < 0 || seconds > MaximumResultTtl.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "The result TTL must be between 0 and 3600 seconds (0 turns caching off).");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static TimeSpan ValidTimeout(TimeSpan? timeout)
    {
        var value = timeout ?? DefaultTimeout;
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), value, "The authorizer timeout must be positive.");
        }

        return value;
    }
}
