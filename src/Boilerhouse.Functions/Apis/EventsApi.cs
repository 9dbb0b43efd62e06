using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;
using Boilerhouse.Functions.Access;
using Boilerhouse.Orchestration.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The live event stream: Server-Sent Events (Accept: text/event-stream) with Last-Event-ID resume,
/// a WebSocket at /ws, and without either the recent buffer as JSON. Tenant keys see only events of
/// tenants in their scope.
/// </summary>
public static class EventsApi
{
    // A comment line this often keeps proxies from closing a quiet stream.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/events").WithTags("Events");
        group.MapGet("/", GetAsync)
            .WithDescription("With 'Accept: text/event-stream': a Server-Sent Events stream (resume with Last-Event-ID); otherwise the recent buffered events as JSON.")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId);
        group.MapGet("/ws", WebSocketAsync)
            .WithDescription("A WebSocket upgrade: one JSON text message per event or marker.")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId);
        return group;
    }

    /// <summary>Streams events (SSE) or lists the buffered ones (JSON).</summary>
    public static async Task<Results<Ok<EventListResponse>, EmptyHttpResult>> GetAsync(HttpContext http, EventFeed feed, [AsParameters] EventQuery query)
    {
        var filter = query.Filter(http);
        var lastEventId = query.LastEventId();
        if (!http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            var events = feed.Recent(filter, lastEventId, query.Limit());
            return TypedResults.Ok(new EventListResponse(events, events.Count > 0 ? events[^1].Id : lastEventId, feed.BufferSize));
        }

        // Subscribed before the answer starts: a client that has the headers misses nothing after them.
        using var subscription = feed.Subscribe(filter, lastEventId);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var body = http.Response.Body;
        try
        {
            await http.Response.StartAsync(http.RequestAborted);
            await WriteSseAsync(body, ": subscribed\n\n", http.RequestAborted);
            await WriteSseAsync(body, ServerSentEvents.Format(subscription.Backlog), http.RequestAborted);
            while (!http.RequestAborted.IsCancellationRequested)
            {
                var frames = await subscription.Queue.ReadAsync(KeepAlive, http.RequestAborted);
                await WriteSseAsync(body, frames.Count == 0 ? ": keep-alive\n\n" : ServerSentEvents.Format(frames), http.RequestAborted);
            }
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: the subscription ends with it.
        }

        return TypedResults.Empty;
    }

    /// <summary>A WebSocket that receives one JSON text message per event or marker; the client only listens.</summary>
    public static async Task<Results<Ok, EmptyHttpResult>> WebSocketAsync(HttpContext http, EventFeed feed, [AsParameters] EventQuery query)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, "GET /api/v1/events/ws takes a WebSocket upgrade; for plain HTTP use GET /api/v1/events.");
        }

        var filter = query.Filter(http);
        using var subscription = feed.Subscribe(filter, query.LastEventId());
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var listening = ListenUntilClosedAsync(socket, closed);
        try
        {
            await SendAsync(socket, subscription.Backlog, closed.Token);
            while (!closed.IsCancellationRequested)
            {
                await SendAsync(socket, await subscription.Queue.ReadAsync(KeepAlive, closed.Token), closed.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }

        await closed.CancelAsync();
        await listening;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
            {
            }
        }

        return TypedResults.Empty;
    }

    private static async Task WriteSseAsync(Stream body, string text, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static async Task SendAsync(WebSocket socket, IReadOnlyList<EventFrame> frames, CancellationToken cancellationToken)
    {
        foreach (var frame in frames)
        {
            var json = frame.Event is { } e ? JsonSerializer.SerializeToUtf8Bytes(e, PayloadJson.Options) : JsonSerializer.SerializeToUtf8Bytes(frame.Marker, PayloadJson.Options);
            await socket.SendAsync(json.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    /// <summary>Reads (and ignores) what the client sends until it closes, then ends the subscription.</summary>
    private static async Task ListenUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }

        await closed.CancelAsync();
    }
}

/// <summary>The event endpoints' query: filters, resume point and (JSON listing) how many.</summary>
public sealed record EventQuery(
    [FromQuery(Name = "types")] string? Types,
    [FromQuery(Name = "poolId")] string? PoolId,
    [FromQuery(Name = "tenantId")] string? TenantId,
    [FromQuery(Name = "lastEventId")] string? LastEventIdQuery,
    [FromHeader(Name = "Last-Event-ID")] string? LastEventIdHeader,
    [FromQuery(Name = "limit")] string? LimitText)
{
    public const int DefaultLimit = 100;

    /// <summary>The filter; a tenant key's filter also hides events of tenants outside its scope.</summary>
    public EventFilter Filter(HttpContext http)
    {
        var principal = http.Items[typeof(AccessPrincipal)] as AccessPrincipal;
        Func<string, bool>? scope = principal is { Role: AccessRole.Tenant } ? principal.Tenants.Allows : null;
        return EventFilter.Parse(Types, PoolId, TenantId, scope);
    }

    /// <summary>The Last-Event-ID header, else ?lastEventId= (EventSource cannot set headers on its first request).</summary>
    public long? LastEventId()
    {
        var raw = string.IsNullOrWhiteSpace(LastEventIdHeader) ? LastEventIdQuery : LastEventIdHeader;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"Last-Event-ID must be an event id (a whole number), got '{Shorten(raw)}'.");
    }

    public int Limit()
    {
        if (string.IsNullOrWhiteSpace(LimitText))
        {
            return DefaultLimit;
        }

        return int.TryParse(LimitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= 10_000
            ? limit
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"?limit= must be a whole number from 1 to 10000, got '{Shorten(LimitText)}'.");
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;
}

/// <summary>Buffered events, oldest first; LastEventId is where to resume from (?lastEventId= or the SSE stream's Last-Event-ID).</summary>
public sealed record EventListResponse(IReadOnlyList<BoilerhouseEvent> Events, long? LastEventId, int BufferSize);
