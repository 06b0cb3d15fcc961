using System.Globalization;
using ApiAuth.Policies.Evaluation;
using ApiAuth.SigV4.Credentials;

namespace ApiAuth.Gateway;

/// <summary>The global condition keys API Gateway supplies to policies for a request.</summary>
internal static class GatewayContextKeys
{
    public static RequestContext Build(GatewayRequest request, RequestPrincipal principal, AccessKeyCredential? credential, DateTimeOffset now)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:CurrentTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["aws:EpochTime"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["aws:SecureTransport"] = request.IsSecureTransport ? "true" : "false",
        };
        if (request.SourceIp is { } ip)
        {
            keys["aws:SourceIp"] = (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
        }
        AddIfPresent(keys, "aws:SourceVpce", request.SourceVpce);
        AddIfPresent(keys, "aws:SourceVpc", request.SourceVpc);
        AddIfPresent(keys, "aws:UserAgent", request.GetHeader("User-Agent"));
        AddIfPresent(keys, "aws:Referer", request.GetHeader("Referer"));
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
        return RequestContext.Create(keys);
    }

    private static void AddIfPresent(Dictionary<string, string> keys, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            keys[key] = value;
        }
    }
}
