using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Isolation;

/// <summary>
/// The targets the isolation tests attack, all on this machine: a listener in this process on every
/// address of this machine (the local engine's host; "outside" for engine 3), and a busybox httpd in
/// engine 3's network namespace bh-tls3 on every address there (engine 3's host, 169.254.169.254, the
/// metadata stand-in; "outside" for the local engine). Every answer starts with "HTTP/1.".
/// </summary>
public sealed class IsolationListeners : IAsyncDisposable
{
    public const string Namespace = "bh-tls3";
    public const string HostSideAddress = "10.213.30.1";
    public const string NamespaceAddress = "10.213.30.2";
    public const string MetadataAddress = "169.254.169.254";

    private readonly TcpListener _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Process _namespaceServer;
    private readonly string _folder;

    private IsolationListeners(TcpListener host, Process namespaceServer, int namespacePort, string folder)
    {
        _host = host;
        _namespaceServer = namespaceServer;
        _folder = folder;
        HostPort = ((IPEndPoint)host.LocalEndpoint).Port;
        NamespacePort = namespacePort;
        _serving = ServeAsync();
    }

    /// <summary>The port of the listener in this process (every address of this machine).</summary>
    public int HostPort { get; }

    /// <summary>The port of the httpd in bh-tls3 (10.213.30.2, 169.254.169.254, the engine's bridges).</summary>
    public int NamespacePort { get; }

    public static async Task<IsolationListeners> StartAsync()
    {
        var host = new TcpListener(IPAddress.Any, TestPorts.Free());
        host.Start();
        var folder = Directory.CreateTempSubdirectory("boilerhouse-iso-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), "bh-namespace-listener\n");
        var port = TestPorts.Free();
        var server = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", Namespace, "busybox", "httpd", "-f", "-p", $"0.0.0.0:{port}", "-h", folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("could not start busybox httpd in bh-tls3");
        var listeners = new IsolationListeners(host, server, port, folder);
        await ApiExtensions.WaitUntilAsync(async () => await AnswersAsync(NamespaceAddress, port) || server.HasExited,
            $"busybox httpd answers in {Namespace} on {NamespaceAddress}:{port} (is engine 3 set up? run eng/setup-tls-hosts.sh)");
        if (server.HasExited)
        {
            // Read only once it exited: the stream of a running server never ends.
            Assert.Fail($"busybox httpd in {Namespace} exited: {await server.StandardError.ReadToEndAsync()}");
        }

        return listeners;
    }

    private static async Task<bool> AnswersAsync(string address, int port)
    {
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(IPAddress.Parse(address), port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ServeAsync()
    {
        var answer = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbh-host-listener\n");
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _host.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        await stream.WriteAsync(answer, _stop.Token);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                    {
                        // The prober went away; nothing to answer.
                    }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _host.Stop();
        await _serving;
        if (!_namespaceServer.HasExited)
        {
            _namespaceServer.Kill();
            await _namespaceServer.WaitForExitAsync();
        }

        _namespaceServer.Dispose();
        _stop.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
