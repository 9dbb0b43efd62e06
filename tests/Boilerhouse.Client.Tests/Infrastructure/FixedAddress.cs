using System.Net;
using System.Net.Sockets;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>
/// One address for a host that is killed and started again (each start listens on a new port): it
/// forwards connections to the host's current port, and refuses them while there is none, as a
/// restarting server does.
/// </summary>
public sealed class FixedAddress : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private Uri? _target;

    public FixedAddress()
    {
        _listener = new TcpListener(IPAddress.Loopback, TestPorts.Free());
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The host to forward to; null: connections are dropped at once.</summary>
    public Uri? Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, value);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(incoming);
        }
    }

    private async Task ForwardAsync(TcpClient incoming)
    {
        using (incoming)
        {
            if (Target is not { } target)
            {
                return;
            }

            using var outgoing = new TcpClient();
            try
            {
                await outgoing.ConnectAsync(target.Host, target.Port, _stop.Token);
                var a = incoming.GetStream();
                var b = outgoing.GetStream();
                // Either side closing (or the host dying) ends both directions.
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
            }
        }
    }
}
