using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

/// <summary>
/// A terminal (a TTY) in a container over a WebSocket: send keystrokes and resizes, receive output
/// until the program exits. Disposing closes the session; the server then kills the terminal's
/// processes. Thread-safe for sends; one reader at a time.
/// </summary>
public sealed class BoilerhouseTerminal : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Channel<TerminalEvent> _received = Channel.CreateUnbounded<TerminalEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    internal BoilerhouseTerminal(WebSocket socket)
    {
        _socket = socket;
        // A receive is always pending: frames are taken off the connection as they arrive, so the
        // exit message is read even when the server drops the connection right after sending it.
        _reading = Task.Run(() => ReadFramesAsync(_stop.Token));
    }

    /// <summary>The program's exit code once <see cref="TerminalEventKind.Exit"/> was received (null when unknown).</summary>
    public long? ExitCode { get; private set; }

    /// <summary>True once the exit message was received.</summary>
    public bool Exited { get; private set; }

    /// <summary>Sends keystrokes (raw input, e.g. <c>"ls\n"</c> or <c>"\u0003"</c> for Ctrl+C).</summary>
    public Task SendInputAsync(string keys, CancellationToken cancellationToken = default) =>
        SendInputAsync(Encoding.UTF8.GetBytes(keys), cancellationToken);

    /// <summary>Sends raw input bytes.</summary>
    public Task SendInputAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken = default) =>
        SendAsync(input, WebSocketMessageType.Binary, cancellationToken);

    /// <summary>Tells the terminal its new size (1-1000 each).</summary>
    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 1000);
        return SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "resize", cols = columns, rows }), WebSocketMessageType.Text, cancellationToken);
    }

    /// <summary>The next thing the terminal sent: output, the exit, an error, or <see cref="TerminalEventKind.Closed"/> (then always Closed).</summary>
    public async Task<TerminalEvent> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var next = await _received.Reader.ReadAsync(cancellationToken);
            if (next.Kind == TerminalEventKind.Exit)
            {
                (ExitCode, Exited) = (next.ExitCode, true);
            }

            return next;
        }
        catch (ChannelClosedException)
        {
            return new TerminalEvent(TerminalEventKind.Closed);
        }
    }

    /// <summary>
    /// Receives until the output seen since this call contains <paramref name="text"/>, and returns that output.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session ended first.</exception>
    public async Task<string> ReadUntilAsync(string text, CancellationToken cancellationToken = default)
    {
        var output = new StringBuilder();
        while (!output.ToString().Contains(text, StringComparison.Ordinal))
        {
            var next = await ReceiveAsync(cancellationToken);
            if (next.Kind is TerminalEventKind.Exit or TerminalEventKind.Closed)
            {
                throw new InvalidOperationException($"The terminal ended before '{text}' appeared; its output: {output}");
            }

            output.Append(next.Text);
        }

        return output.ToString();
    }

    /// <summary>Ends the session: the server kills the terminal's processes.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseQuietlyAsync();
        // The server answers the close once it has ended the session; a server that does not is not waited for long.
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(5)));
        await _stop.CancelAsync();
        await _reading;
        _socket.Dispose();
        _sending.Dispose();
        _stop.Dispose();
    }

    private async Task ReadFramesAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await _socket.ReceiveAsync(buffer, cancellationToken);
                switch (received.MessageType)
                {
                    case WebSocketMessageType.Close:
                        await CloseQuietlyAsync();
                        return;
                    case WebSocketMessageType.Binary:
                        _received.Writer.TryWrite(new TerminalEvent(TerminalEventKind.Output, buffer.AsSpan(0, received.Count).ToArray()));
                        break;
                    default:
                        text.Write(buffer, 0, received.Count);
                        if (received.EndOfMessage)
                        {
                            _received.Writer.TryWrite(Control(text.ToArray()));
                            text.SetLength(0);
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or JsonException)
        {
            // A broken connection or a disposed terminal: for the reader the session is over, as after a close.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    private static TerminalEvent Control(byte[] frame)
    {
        using var json = JsonDocument.Parse(frame);
        var root = json.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "exit")
        {
            var code = root.TryGetProperty("exitCode", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt64() : (long?)null;
            return new TerminalEvent(TerminalEventKind.Exit, ExitCode: code);
        }

        return new TerminalEvent(TerminalEventKind.Error, Message: root.TryGetProperty("message", out var m) ? m.GetString() : Encoding.UTF8.GetString(frame));
    }

    private async Task SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(data, type, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseQuietlyAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            // A close is a send: it must not overlap another one.
            await _sending.WaitAsync(timeout.Token);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Opens a terminal; a refused upgrade becomes the server's problem (asked again as a plain GET, since a handshake hides the answer's body).</summary>
    internal static async Task<BoilerhouseTerminal> ConnectAsync(
        HttpClient http, Uri endpoint, string path, BoilerhouseKeyCredential? credential, BoilerhouseClientOptions options, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(new Uri(endpoint, path)) { Scheme = endpoint.Scheme == "https" ? "wss" : "ws" }.Uri;
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("User-Agent", options.UserAgent);
        if (credential is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + credential.Key);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.NetworkTimeout);
            if (options.Transport is { } transport)
            {
                await socket.ConnectAsync(url, new HttpMessageInvoker(transport, disposeHandler: false), timeout.Token);
            }
            else
            {
                await socket.ConnectAsync(url, timeout.Token);
            }

            return new BoilerhouseTerminal(socket);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            if (status == 0)
            {
                throw new BoilerhouseRequestException(0, "UNREACHABLE", $"The terminal at {path} could not be opened: {e.Message}", innerException: e);
            }

            throw await ProblemOfAsync(http, path, status, credential, cancellationToken);
        }
    }

    private static async Task<BoilerhouseRequestException> ProblemOfAsync(
        HttpClient http, string path, int status, BoilerhouseKeyCredential? credential, CancellationToken cancellationToken)
    {
        using var probe = new HttpRequestMessage(HttpMethod.Get, path);
        if (credential is not null)
        {
            probe.Headers.Authorization = new("Bearer", credential.Key);
        }

        try
        {
            using var response = await http.SendAsync(probe, cancellationToken);
            var problem = await Problem.ReadAsync(response, cancellationToken);
            // The probe tells the refusal when it was refused the same way, and not merely for being a plain GET
            // (400 INVALID_REQUEST; the client checks size and command itself, so the upgrade's 400 was something else).
            if ((int)response.StatusCode == status && problem is not { Status: 400, Code: "INVALID_REQUEST" })
            {
                return problem.ToException();
            }
        }
        catch (HttpRequestException)
        {
            // Fall through to the status alone.
        }

        return new BoilerhouseRequestException(status, $"HTTP_{status}", $"The server refused the terminal at {path} with {status}.");
    }
}
