using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Shell;

/// <summary>A test's side of the terminal protocol: raw input out, output collected as text, the exit message and the close.</summary>
public sealed class TerminalClient(WebSocket socket) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder output = new();

    public string Output => output.ToString();

    public static async Task<TerminalClient> ConnectAsync(BoilerhouseApp app, string key, string path)
    {
        var client = app.CreateWebSocketClient();
        client.ConfigureRequest = r => r.Headers.Authorization = "Bearer " + key;
        using var timeout = new CancellationTokenSource(Timeout);
        return new TerminalClient(await client.ConnectAsync(new Uri(app.Client.BaseAddress!, path), timeout.Token));
    }

    public async Task TypeAsync(string keys)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes(keys), WebSocketMessageType.Binary, true, timeout.Token);
    }

    public async Task SendControlAsync(object message)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.SendAsync(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Reads output until it contains <paramref name="text"/>; fails on a message or close first.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            var (kind, message) = await NextAsync();
            Assert.True(kind == "output", $"Waiting for '{text}', got {kind} {message?.ToJsonString()}; output so far: {Output}");
        }
    }

    /// <summary>Reads until the exit message, then expects a normal close; answers the exit message.</summary>
    public async Task<JsonNode> WaitForExitAsync()
    {
        while (true)
        {
            var (kind, message) = await NextAsync();
            if (kind == "output")
            {
                continue;
            }

            Assert.True(kind == "message" && message?["type"]?.ToString() == "exit", $"Expected the exit message, got {kind} {message?.ToJsonString()}; output: {Output}");
            var (after, _) = await NextAsync();
            Assert.Equal("close", after);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
            return message!;
        }
    }

    /// <summary>The next frame: output (collected into <see cref="Output"/>), a text message, or the close.</summary>
    private async Task<(string Kind, JsonNode? Message)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            switch (received.MessageType)
            {
                case WebSocketMessageType.Close:
                    return ("close", null);
                case WebSocketMessageType.Binary:
                    output.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
                    return ("output", null);
                default:
                    text.Write(buffer, 0, received.Count);
                    if (received.EndOfMessage)
                    {
                        return ("message", JsonNode.Parse(text.ToArray()));
                    }

                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }
        }

        socket.Dispose();
    }
}
