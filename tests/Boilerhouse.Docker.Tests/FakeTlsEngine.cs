using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Boilerhouse.Docker.Tests;

/// <summary>
/// A TLS listener that requires a client certificate and answers every HTTP request with 200 "OK",
/// enough for Docker's /_ping. It checks what our TLS client does without a second dockerd.
/// </summary>
internal sealed class FakeTlsEngine : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeTlsEngine(X509Certificate2 certificate)
    {
        this.certificate = certificate;
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public Uri Uri => new($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    public string? ClientSubject { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient tcp;
            try
            {
                tcp = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(tcp));
        }
    }

    private async Task ServeAsync(TcpClient tcp)
    {
        using (tcp)
        {
            try
            {
                await using var tls = new SslStream(tcp.GetStream());
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        ClientCertificateRequired = true,
                        RemoteCertificateValidationCallback = (_, _, _, _) => true,
                    },
                    stop.Token);
                ClientSubject = tls.RemoteCertificate?.Subject;

                var request = new StringBuilder();
                var buffer = new byte[4096];
                // Docker.DotNet ends its header lines with a bare LF, so look for an empty line either way.
                while (!request.ToString().Replace("\r", "", StringComparison.Ordinal).Contains("\n\n", StringComparison.Ordinal))
                {
                    var read = await tls.ReadAsync(buffer, stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nApi-Version: 1.41\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"), stop.Token);
                await tls.FlushAsync(stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // A refused handshake is what some tests want.
            }
        }
    }
}
