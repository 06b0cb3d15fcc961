using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiAuth.Tests.Authorizers.TestSupport;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) serving one JWKS document, counting requests. Raw
/// <see cref="TcpListener"/> so the port is truly ephemeral and "server down" is a refused connection.
/// </summary>
internal sealed class JwksTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _requests;

    public JwksTestServer(string body)
    {
        Body = body;
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/.well-known/jwks.json");
        _acceptLoop = AcceptAsync();
    }

    public Uri Uri { get; }

    public int Requests => Volatile.Read(ref _requests);

    public string Body { get; set; }

    public int Status { get; set; } = 200;

    /// <summary>Stops listening: further connections are refused.</summary>
    public void GoDown()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        GoDown();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
            {
            }

            Interlocked.Increment(ref _requests);
            var body = Encoding.UTF8.GetBytes(Body);
            var head = Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {Status} Status\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head);
            await stream.WriteAsync(body);
        }
    }
}
