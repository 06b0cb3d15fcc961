using ApiAuth.AspNetCore.Authorization;
using ApiAuth.Gateway;
using ApiAuth.Sample;

var builder = WebApplication.CreateBuilder(args);
SampleLogging.AddDefaults(builder.Configuration);
var settings = SampleSettings.Load(builder.Configuration["config"]);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

var apiAuth = builder.Services.AddApiAuth(settings.Section, options => options.BaseDirectory ??= settings.BaseDirectory);
// --definition <file>: an API Gateway export decides the routes' auth instead of the conventions below. A definition
// for the sample names its authorizers demo-token and demo-request, as the demo settings do.
var definition = builder.Configuration["definition"];
if (!string.IsNullOrWhiteSpace(definition))
{
    apiAuth.AddDefinition(Path.GetFullPath(definition));
}
var byDefinition = !string.IsNullOrWhiteSpace(definition);
if (settings.HasAuthorizer("demo-token") || byDefinition)
{
    apiAuth.AddCustomAuthorizer<DemoTokenAuthorizer>("demo-token");
}
if (settings.HasAuthorizer("demo-request") || byDefinition)
{
    apiAuth.AddCustomAuthorizer<DemoRequestAuthorizer>("demo-request");
}

var app = builder.Build();

app.MapGet("/health", () => Results.Ok(new { status = "ok" })).Protect(byDefinition, AuthorizationType.None);

var pets = app.MapGroup("/pets").Protect(byDefinition, AuthorizationType.AwsIam);
pets.MapGet("/", (HttpContext context) => Caller.Describe(context, new { pets = new[] { new { id = 1, name = "Rex" }, new { id = 2, name = "Tom" } } }));
pets.MapGet("/{id}", (HttpContext context, string id) => Caller.Describe(context, new { pet = new { id, name = "Rex" } }));
pets.MapPost("/", (HttpContext context, Pet pet) => Caller.Describe(context, new { created = pet }));

app.MapGet("/profile", (HttpContext context) => Caller.Describe(context)).Protect(byDefinition, AuthorizationType.CognitoUserPools, "cognito");
app.MapGet("/orders", (HttpContext context) => Caller.Describe(context)).Protect(byDefinition, AuthorizationType.CognitoUserPools, "cognito", "orders/read");
app.MapGet("/reports", (HttpContext context) => Caller.Describe(context)).Protect(byDefinition, AuthorizationType.Custom, "demo-token");
app.MapGet("/admin", (HttpContext context) => Caller.Describe(context)).Protect(byDefinition, AuthorizationType.Custom, "demo-request");

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls.Take(1))
    {
        Console.WriteLine(ExampleCalls.For(address, settings.IsDemo, TimeProvider.System));
    }
});

app.Run();

/// <summary>The sample's entry point, visible to its tests.</summary>
public partial class Program;
