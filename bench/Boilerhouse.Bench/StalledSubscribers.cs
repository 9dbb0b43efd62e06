using System.Net.Sockets;

namespace Boilerhouse.Bench;

/// <summary>
/// SSE subscribers to every event that never read their stream (with a 4 KB receive buffer): the host's writes to them back up
/// in the socket buffers, as with a consumer that hangs. Disposing them closes the connections.
/// </summary>
public sealed class StalledSubscribers : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage[] _responses;

    private StalledSubscribers(HttpClient http, HttpResponseMessage[] responses)
    {
        _http = http;
        _responses = responses;
    }

    public static async Task<StalledSubscribers> OpenAsync(Uri baseAddress, int count)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = count + 1, ConnectCallback = ConnectWithSmallWindowAsync };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
            request.Headers.Accept.ParseAdd("text/event-stream");
            // Headers only: the body is never read.
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.EnsureSuccessStatusCode();
        }));
        return new StalledSubscribers(http, responses);
    }

    /// <summary>A small receive buffer, so the host's writes to a subscriber that never reads back up after a few events.</summary>
    private static async ValueTask<Stream> ConnectWithSmallWindowAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var response in _responses)
        {
            response.Dispose();
        }

        _http.Dispose();
    }
}
