using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Joins a WebSocket to a terminal in a container (protocol: <see cref="TerminalMessage"/>): output as
/// binary frames, input and resizes back, an exit message when the process ends (or the container goes),
/// and a kill of the terminal's processes when the client goes first. Every session is logged.
/// </summary>
public static class TerminalBridge
{
    private const int MaxTextFrame = 64 * 1024;
    private static readonly TimeSpan ClientCloseWait = TimeSpan.FromSeconds(5);
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task RunAsync(HttpContext http, ShellTarget target, CommandLog log)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, "The terminal takes a WebSocket upgrade (ws:// or wss://).");
        }

        var request = TerminalOptions.Read(http.Request.Query);
        var started = log.Now;
        // Opened before the upgrade, so a container that cannot run it answers with a problem, not a closed socket.
        var session = await target.Shell.OpenTerminalAsync(target.Container.Id, request, http.RequestAborted);
        var logged = false;
        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            using var sending = new SemaphoreSlim(1, 1);
            var output = PumpOutputAsync(session, socket, sending, stop.Token);
            var input = PumpInputAsync(socket, session, sending, stop.Token);
            if (await Task.WhenAny(output, input) == output)
            {
                var exitCode = await session.ExitCodeAsync(CancellationToken.None);
                // Logged before the client hears of the exit, so what it reads next includes this session.
                await log.RecordAsync(http, target, "terminal", request.Command, started, exitCode, false, null);
                logged = true;
                await SendAsync(socket, sending, new TerminalMessage("exit", ExitCode: exitCode), CancellationToken.None);
                await CloseAsync(socket, "exited");
                // Cancelling the receive aborts the connection, which can drop the frames just sent:
                // give the client a moment to answer the close first.
                await Task.WhenAny(input, Task.Delay(ClientCloseWait, CancellationToken.None));
            }
            else
            {
                await session.KillAsync(CancellationToken.None);
                await CloseAsync(socket, "bye");
            }

            await stop.CancelAsync();
            await Task.WhenAll(Quietly(output), Quietly(input));
        }
        finally
        {
            await session.DisposeAsync();
            if (!logged)
            {
                await log.RecordAsync(http, target, "terminal", request.Command, started, null, false, "closed by the client");
            }
        }
    }

    private static async Task PumpOutputAsync(ITerminalSession session, WebSocket socket, SemaphoreSlim sending, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await session.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                // The engine dropped the connection: the container went.
                return;
            }

            if (read == 0)
            {
                return;
            }

            await sending.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, true, cancellationToken);
            }
            finally
            {
                sending.Release();
            }
        }
    }

    private static async Task PumpInputAsync(WebSocket socket, ITerminalSession session, SemaphoreSlim sending, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            switch (received.MessageType)
            {
                case WebSocketMessageType.Close:
                    return;
                case WebSocketMessageType.Binary:
                    await session.WriteAsync(buffer, received.Count, cancellationToken);
                    break;
                default:
                    if (text.Length + received.Count > MaxTextFrame)
                    {
                        text.SetLength(0);
                        await SendAsync(socket, sending, new TerminalMessage("error", Message: $"Text frames are at most {MaxTextFrame} bytes."), cancellationToken);
                        break;
                    }

                    text.Write(buffer, 0, received.Count);
                    if (received.EndOfMessage)
                    {
                        await HandleAsync(text.ToArray(), socket, session, sending, cancellationToken);
                        text.SetLength(0);
                    }

                    break;
            }
        }
    }

    private static async Task HandleAsync(byte[] frame, WebSocket socket, ITerminalSession session, SemaphoreSlim sending, CancellationToken cancellationToken)
    {
        TerminalMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<TerminalMessage>(frame, Json);
        }
        catch (JsonException)
        {
            message = null;
        }

        switch (message)
        {
            case { Type: "input", Data: { } data }:
                var bytes = Encoding.UTF8.GetBytes(data);
                await session.WriteAsync(bytes, bytes.Length, cancellationToken);
                break;
            case { Type: "resize", Cols: >= 1 and <= TerminalOptions.MaxSide, Rows: >= 1 and <= TerminalOptions.MaxSide }:
                await session.ResizeAsync(message.Cols.Value, message.Rows.Value, cancellationToken);
                break;
            default:
                await SendAsync(socket, sending, new TerminalMessage("error",
                    Message: "Unknown frame: send {\"type\":\"input\",\"data\":\"...\"}, {\"type\":\"resize\",\"cols\":N,\"rows\":N} or binary input."), cancellationToken);
                break;
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sending, TerminalMessage message, CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, Json), WebSocketMessageType.Text, true, cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The client is gone; the session ends anyway.
        }
        finally
        {
            sending.Release();
        }
    }

    private static async Task CloseAsync(WebSocket socket, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // Already gone.
        }
    }

    private static async Task Quietly(Task pump)
    {
        try
        {
            await pump;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or BoilerhouseException)
        {
            // The session is over; how each side noticed does not matter.
        }
    }
}
