using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Boilerhouse.Bench;

/// <summary>
/// A subscriber to the host's event stream (SSE or WebSocket) that notes, for every event, the time
/// from the event's own <c>time</c> to its arrival here: host and client share the machine's clock.
/// </summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Type, double LatencyMs)> _arrivals = new();
    private readonly IDisposable _connection;
    private readonly Task _reading;

    private EventListener(IDisposable connection, Func<EventListener, CancellationToken, Task> read)
    {
        _connection = connection;
        _reading = Task.Run(() => read(this, _stop.Token));
    }

    public IReadOnlyList<double> Latencies => _arrivals.Select(a => a.LatencyMs).ToList();

    public int Count(string type) => _arrivals.Count(a => a.Type == type);

    /// <summary>Subscribes over Server-Sent Events; the subscription exists once the headers are in.</summary>
    public static async Task<EventListener> SseAsync(Uri baseAddress, string query)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/events?{query}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync();
        return new EventListener(http, (self, ct) => self.ReadSseAsync(body, ct));
    }

    /// <summary>Subscribes over the WebSocket; the subscription exists once the upgrade is accepted.</summary>
    public static async Task<EventListener> WebSocketAsync(Uri baseAddress, string query)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/api/v1/events/ws?{query}"), CancellationToken.None);
        return new EventListener(socket, (self, ct) => self.ReadWebSocketAsync(socket, ct));
    }

    private async Task ReadSseAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var isEvent = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            // Only frames with an id are events; markers (skipped, ...) carry none.
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                isEvent = true;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && isEvent)
            {
                Note(line["data: ".Length..], DateTimeOffset.UtcNow);
            }
            else if (line.Length == 0)
            {
                isEvent = false;
            }
        }
    }

    private async Task ReadWebSocketAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                var arrived = DateTimeOffset.UtcNow;
                var json = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                // Events carry an id and a time; markers do not.
                if (json.Contains("\"time\"", StringComparison.Ordinal))
                {
                    Note(json, arrived);
                }
            }
        }
    }

    private void Note(string json, DateTimeOffset arrived)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("time", out var time) && root.TryGetProperty("type", out var type))
        {
            _arrivals.Enqueue((type.GetString()!, (arrived - time.GetDateTimeOffset()).TotalMilliseconds));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _connection.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or WebSocketException or ObjectDisposedException or HttpRequestException)
        {
            // Ending the subscription ends the read.
        }

        _stop.Dispose();
    }
}
