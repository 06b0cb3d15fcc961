using System.Globalization;
using ApiAuth.Policies.Evaluation;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Gateway;

/// <summary>
/// The global condition keys API Gateway supplies to policies for a request: the one builder the gateway, the
/// simulator and the CLI share, so a policy decides alike in all three. The caller's keys (principal ARN, account,
/// tags, ...) are fixed per caller and computed once; only the request's own keys are built per request.
/// </summary>
internal static class GatewayContextKeys
{
    private static readonly ContextValue True = new(["true"]);
    private static readonly ContextValue False = new(["false"]);

    [ThreadStatic]
    private static (long Second, ContextValue CurrentTime, ContextValue EpochTime) t_time;

    [ThreadStatic]
    private static (System.Net.IPAddress Address, ContextValue Value)? t_sourceIp;

    /// <summary>The keys that describe a caller, ready to be copied into each request's context.</summary>
    public static KeyValuePair<string, ContextValue>[] ForCaller(RequestPrincipal principal, AccessKeyCredential? credential)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in principal.DerivedContextKeys())
        {
            keys[key] = value;
        }
        if (credential is not null)
        {
            keys["aws:userid"] = credential.UserId ?? keys.GetValueOrDefault("aws:userid") ?? credential.AccessKeyId;
            foreach (var (tag, value) in credential.Tags)
            {
                keys["aws:PrincipalTag/" + tag] = value;
            }
        }
        return [.. keys.Select(pair => KeyValuePair.Create(pair.Key, new ContextValue([pair.Value])))];
    }

    public static RequestContext Build(GatewayRequest request, KeyValuePair<string, ContextValue>[] callerKeys, DateTimeOffset now)
    {
        var keys = Start(callerKeys.Length + 8, now, request.IsSecureTransport);
        if (request.SourceIp is { } ip)
        {
            keys["aws:SourceIp"] = SourceIpKey(ip);
        }
        AddIfPresent(keys, "aws:SourceVpce", request.SourceVpce);
        AddIfPresent(keys, "aws:SourceVpc", request.SourceVpc);
        AddIfPresent(keys, "aws:UserAgent", request.GetHeader("User-Agent"));
        AddIfPresent(keys, "aws:Referer", request.GetHeader("Referer"));
        foreach (var (key, value) in callerKeys)
        {
            keys[key] = value;
        }
        return RequestContext.Wrap(keys);
    }

    /// <summary>
    /// The keys of a simulated request: what the gateway supplies on its own (time, transport, the caller's keys), then
    /// the keys the simulation names, which win (<c>aws:SourceIp</c>, <c>aws:SecureTransport</c>, ...).
    /// </summary>
    /// <param name="principal">The caller.</param>
    /// <param name="now">The request's time (<c>aws:CurrentTime</c>, <c>aws:EpochTime</c>).</param>
    /// <param name="secureTransport">Whether the request came over TLS, as on API Gateway, which serves HTTPS only.</param>
    /// <param name="named">The keys the simulation sets.</param>
    public static RequestContext ForSimulation(RequestPrincipal principal, DateTimeOffset now, bool secureTransport, IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> named)
    {
        var callerKeys = ForCaller(principal, null);
        var keys = Start(callerKeys.Length + 8, now, secureTransport);
        foreach (var (key, value) in callerKeys)
        {
            keys[key] = value;
        }
        foreach (var (key, values) in named)
        {
            keys[key] = new ContextValue([.. values]);
        }
        return RequestContext.Wrap(keys);
    }

    // What every request carries, whoever the caller.
    private static Dictionary<string, ContextValue> Start(int capacity, DateTimeOffset now, bool secureTransport)
    {
        var keys = new Dictionary<string, ContextValue>(capacity, StringComparer.OrdinalIgnoreCase);
        var (currentTime, epochTime) = TimeKeys(now);
        keys["aws:CurrentTime"] = currentTime;
        keys["aws:EpochTime"] = epochTime;
        keys["aws:SecureTransport"] = secureTransport ? True : False;
        return keys;
    }

    // The time keys change once a second; reuse them within the second.
    private static (ContextValue CurrentTime, ContextValue EpochTime) TimeKeys(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var cached = t_time;
        if (cached.CurrentTime is null || cached.Second != second)
        {
            cached = (second,
                new ContextValue([now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)]),
                new ContextValue([second.ToString(CultureInfo.InvariantCulture)]));
            t_time = cached;
        }
        return (cached.CurrentTime, cached.EpochTime);
    }

    // A keep-alive connection sends its requests from one address: reuse its key rather than format it every time.
    // ContextValue is immutable, so sharing it between requests is safe.
    private static ContextValue SourceIpKey(System.Net.IPAddress ip)
    {
        if (t_sourceIp is { } cached && cached.Address.Equals(ip))
        {
            return cached.Value;
        }
        var value = new ContextValue([ip.ToString()]);
        t_sourceIp = (ip, value);
        return value;
    }

    private static void AddIfPresent(Dictionary<string, ContextValue> keys, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            keys[key] = new ContextValue([value]);
        }
    }
}
