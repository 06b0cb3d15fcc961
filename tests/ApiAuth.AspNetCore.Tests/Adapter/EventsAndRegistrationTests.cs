using System.Net;
using System.Text;
using ApiAuth.AspNetCore.Authentication;
using ApiAuth.AspNetCore.Configuration;
using ApiAuth.AspNetCore.Tests.Sample;
using ApiAuth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiAuth.AspNetCore.Tests.Adapter;

/// <summary><see cref="ApiAuthEvents"/> and registration the way JwtBearer does them: observe, rewrite denials, register twice safely.</summary>
public sealed class EventsAndRegistrationTests
{
    private const string Settings = """
        { "ApiAuth": { "ApiId": "testapi", "Credentials": [ { "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          "PrincipalArn": "arn:aws:iam::123456789012:user/alice",
          "Policies": [ { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*" } ] } ] } ] } }
        """;

    [Test]
    public async Task OnDecision_sees_every_decision_allowed_or_denied()
    {
        var seen = new List<(bool Allowed, DecisionReason Reason)>();
        await using var app = await StartAsync(services => services.AddApiAuth(Section()).ConfigureScheme(o =>
            o.Events.OnDecision = context =>
            {
                seen.Add((context.Decision.IsAllowed, context.Decision.Reason));
                return Task.CompletedTask;
            }));

        await app.GetTestClient().GetAsync("/open");
        await app.GetTestClient().GetAsync("/iam");

        Assert.That(seen, Is.EqualTo(new[] { (true, DecisionReason.Allow), (false, DecisionReason.MissingAuthenticationToken) }));
    }

    [Test]
    public async Task OnDenied_can_write_its_own_response_and_the_request_stays_denied()
    {
        await using var app = await StartAsync(services => services.AddApiAuth(Section()).ConfigureScheme(o =>
            o.Events.OnDenied = async context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync($"custom: {context.Decision.Reason}");
            }));

        using var response = await app.GetTestClient().GetAsync("/iam");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("custom: MissingAuthenticationToken"));
            Assert.That(response.Headers.Contains("x-amzn-ErrorType"), Is.False, "ApiAuth wrote nothing");
        });
    }

    [Test]
    public async Task OnDenied_that_only_observes_leaves_API_Gateways_response()
    {
        var observed = 0;
        await using var app = await StartAsync(services => services.AddApiAuth(Section()).ConfigureScheme(o =>
            o.Events.OnDenied = _ =>
            {
                observed++;
                return Task.CompletedTask;
            }));

        var answer = await SampleFactory.GetAsync(app.GetTestClient(), "/iam");

        Assert.That(answer.ErrorType, Is.EqualTo("MissingAuthenticationTokenException"));
        Assert.That(observed, Is.EqualTo(1));
    }

    [Test]
    public async Task AddApiAuth_on_the_authentication_builder_and_on_services_together_register_once()
    {
        var section = Section();
        await using var app = await StartAsync(services =>
        {
            services.AddApiAuth(section);
            services.AddAuthentication().AddApiAuth(section);
            services.AddApiAuth(section);
        });

        using var signed = TestApp.SignedClient(app);
        using var response = await signed.GetAsync("/iam");

        // The section's credential was bound once: twice, the duplicate access key would have stopped the app.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiAuthOptions>>().Value.Credentials, Has.Count.EqualTo(1));
    }

    private static IConfigurationSection Section() =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Settings))).Build().GetSection("ApiAuth");

    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> register)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        register(builder.Services);
        var app = builder.Build();
        app.MapGet("/open", () => "ok").RequireApiAuthorization(AuthorizationType.None);
        app.MapGet("/iam", () => "ok").RequireApiAuthorization(AuthorizationType.AwsIam);
        await app.StartAsync();
        return app;
    }
}
