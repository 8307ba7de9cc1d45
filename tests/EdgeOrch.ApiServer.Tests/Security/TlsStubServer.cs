using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EdgeOrch.ApiServer.Tests.Security;

/// <summary>
/// A one-connection-at-a-time HTTPS responder on loopback built from TcpListener + SslStream: enough for a TLS client
/// (our own or kubectl) to complete a handshake and read a fixed JSON body, and to show us its Authorization header.
/// </summary>
internal sealed class TlsStubServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TlsStubServer(X509Certificate2 certificate)
    {
        _certificate = certificate;
        _listener.Start();
        _loop = Task.Run(() => AcceptLoopAsync(_stop.Token));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> AuthorizationHeaders { get; } = [];

    public List<Exception> HandshakeFailures { get; } = [];

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client, cancellationToken);
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        await using var tls = new SslStream(client.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = _certificate }, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            lock (HandshakeFailures)
            {
                HandshakeFailures.Add(e);
            }

            return;
        }

        try
        {
            string head = await ReadHeadAsync(tls, cancellationToken);
            foreach (string line in head.Split("\r\n"))
            {
                if (line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))
                {
                    lock (AuthorizationHeaders)
                    {
                        AuthorizationHeaders.Add(line["Authorization:".Length..].Trim());
                    }
                }
            }

            const string body = """{"major":"1","minor":"32","gitVersion":"v1.32.4-stub","platform":"linux/amd64"}""";
            string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
            await tls.WriteAsync(Encoding.UTF8.GetBytes(response), cancellationToken);
            await tls.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            // A client that hangs up after the handshake is not the stub's concern.
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
