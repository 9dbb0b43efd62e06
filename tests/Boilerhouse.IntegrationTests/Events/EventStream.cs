using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Boilerhouse.IntegrationTests.Events;

/// <summary>One frame read from the event stream: its SSE id (null for markers), event name and JSON data.</summary>
public sealed record StreamFrame(long? Id, string Type, JsonNode Data);

/// <summary>Reads events from an SSE response or a WebSocket, waiting on them (never sleeping) up to a generous timeout.</summary>
public abstract class EventStream : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The next frame, or a failed test when none comes within the timeout.</summary>
    public abstract Task<StreamFrame> NextAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>Frames up to and including the first that <paramref name="last"/> accepts.</summary>
    public async Task<List<StreamFrame>> ReadUntilAsync(Func<StreamFrame, bool> last)
    {
        var frames = new List<StreamFrame>();
        while (true)
        {
            var frame = await NextAsync();
            frames.Add(frame);
            if (last(frame))
            {
                return frames;
            }
        }
    }

    /// <summary>Opens an SSE stream (headers received: the subscription is live).</summary>
    public static async Task<EventStream> OpenSseAsync(HttpClient client, string query, string? key = null, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?" + query);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        if (lastEventId is { } id)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var timeout = new CancellationTokenSource(Timeout);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new Sse(response, new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token)));
    }

    /// <summary>Opens a WebSocket stream (connected: the subscription is live).</summary>
    public static async Task<EventStream> OpenWebSocketAsync(Infrastructure.BoilerhouseApp app, string query)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var socket = await app.CreateWebSocketClient().ConnectAsync(new Uri(app.Client.BaseAddress!, "/api/v1/events/ws?" + query), timeout.Token);
        return new Socket(socket);
    }

    private sealed class Sse(HttpResponseMessage response, StreamReader reader) : EventStream
    {
        public override async Task<StreamFrame> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Timeout);
            long? id = null;
            string? type = null;
            var data = new StringBuilder();
            while (true)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The event stream ended.");
                if (line.Length == 0)
                {
                    if (type is not null)
                    {
                        return new StreamFrame(id, type, JsonNode.Parse(data.ToString())!);
                    }

                    continue;
                }

                if (line.StartsWith(':'))
                {
                    continue;
                }

                var (field, value) = line.IndexOf(':') is var colon and >= 0 ? (line[..colon], line[(colon + 1)..].TrimStart()) : (line, "");
                switch (field)
                {
                    case "id": id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                    case "event": type = value; break;
                    case "data": data.Append(value); break;
                }
            }
        }

        public override ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Socket(WebSocket socket) : EventStream
    {
        public override async Task<StreamFrame> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), timeout.Token);
                Assert.NotEqual(WebSocketMessageType.Close, received.MessageType);
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            var data = JsonNode.Parse(message.ToArray())!;
            return new StreamFrame(data["id"]?.GetValue<long>(), data["type"]!.GetValue<string>(), data);
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }

            socket.Dispose();
        }
    }
}
