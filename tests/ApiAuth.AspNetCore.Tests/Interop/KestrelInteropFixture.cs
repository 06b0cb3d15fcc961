namespace ApiAuth.AspNetCore.Tests.Interop;

/// <summary>One <see cref="SigV4KestrelServer"/> per interop fixture, and a plain client to send to it.</summary>
public abstract class KestrelInteropFixture
{
    protected SigV4KestrelServer Server { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        Server = await SigV4KestrelServer.StartAsync();
        Client = new HttpClient();
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
