using System.Text;
using System.Text.Json;
using ApiAuth.AspNetCore.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary>
/// Policies written in appsettings.json survive configuration's flattening: keys such as <c>aws:SourceIp</c> and
/// operators such as <c>ForAnyValue:StringLike</c> contain ':', configuration's own separator.
/// </summary>
public sealed class ConfigurationBindingTests
{
    [Test]
    public void Resource_policy_from_json_configuration_keeps_condition_keys_and_qualified_operators()
    {
        const string settings = """
            { "ApiAuth": { "ResourcePolicy": { "Version": "2012-10-17", "Statement": [ {
                "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
                "Condition": {
                  "NotIpAddress": { "aws:SourceIp": [ "192.0.2.0/24", "2001:db8::/32" ] },
                  "ForAnyValue:StringLike": { "aws:PrincipalTag/team": "ops-*" },
                  "Bool": { "aws:SecureTransport": "false" } } } ] } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings))).Build();
        using var services = new ServiceCollection().AddApiAuth(configuration.GetSection("ApiAuth")).Services.BuildServiceProvider();

        var policy = JsonDocument.Parse(services.GetRequiredService<IOptions<ApiAuthOptions>>().Value.ResourcePolicy!).RootElement;
        var condition = policy.GetProperty("Statement")[0].GetProperty("Condition");
        Assert.Multiple(() =>
        {
            Assert.That(condition.GetProperty("NotIpAddress").GetProperty("aws:SourceIp").GetArrayLength(), Is.EqualTo(2));
            Assert.That(condition.GetProperty("ForAnyValue:StringLike").GetProperty("aws:PrincipalTag/team").GetString(), Is.EqualTo("ops-*"));
            Assert.That(condition.GetProperty("Bool").GetProperty("aws:SecureTransport").GetString(), Is.EqualTo("false"));
        });
    }
}
