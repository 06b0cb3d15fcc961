using ApiAuth.Arns;
using ApiAuth.Gateway;
using ApiAuth.Policies.Evaluation;
using ApiAuth.Policies.Simulation;
using ApiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.PackageConsumer.Tests;

/// <summary>The three packages, as restored from the feed, protect an app and test it.</summary>
public sealed class PackagedKitTests
{
    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}""";

    [Test]
    public async Task A_kit_caller_is_allowed_and_an_unsigned_request_is_denied()
    {
        using var kit = new ApiAuthTestKit();
        var alice = kit.AddCaller("arn:aws:iam::123456789012:user/alice", AllowAll);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddApiAuth(options => options.ApiId = "consumer");
        builder.Services.AddApiAuthTestKit(kit);
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/pets", () => "pets").RequireApiAuthorization(AuthorizationType.AwsIam);
        await app.StartAsync();
        var signing = kit.SigV4Handler(alice);
        signing.InnerHandler = app.GetTestServer().CreateHandler();
        using var signed = new HttpClient(signing) { BaseAddress = new Uri("http://localhost") };
        using var unsigned = app.GetTestClient();

        ApiAuthAssert.Allowed(await signed.GetAsync("/pets"));
        ApiAuthAssert.Denied(await unsigned.GetAsync("/pets"), 403, "MissingAuthenticationTokenException");
    }

    [Test]
    public void A_policy_simulation_is_asserted_with_the_kit()
    {
        var simulator = new PolicySimulator(new RestApiReference("us-east-1", "123456789012", "consumer"), "prod")
            .WithIdentityPolicies("arn:aws:iam::123456789012:user/alice", AllowAll);

        ApiAuthAssert.Decision(simulator, PolicyDecision.Allow, "arn:aws:iam::123456789012:user/alice", "GET", "/pets");
        Assert.Throws<ApiAuthAssertionException>(() =>
            ApiAuthAssert.Decision(simulator, PolicyDecision.Allow, "arn:aws:iam::123456789012:user/bob", "GET", "/pets"));
    }
}
