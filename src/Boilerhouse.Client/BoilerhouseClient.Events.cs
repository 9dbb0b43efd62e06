using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>
    /// Live events as they happen, until <paramref name="cancellationToken"/> ends the enumeration.
    /// A dropped stream is reopened with <c>Last-Event-ID</c> (the server replays what was missed
    /// while it still buffers it), and so is a stream the server skipped ahead on because this
    /// reader was slow. Tenant keys see only their tenants' events.
    /// </summary>
    public async IAsyncEnumerable<BoilerhouseEvent> StreamEventsAsync(
        EventFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new EventFilter();
        var lastEventId = filter.LastEventId;
        var path = "api/v1/events" + Query(("types", filter.Types), ("poolId", filter.PoolId), ("tenantId", filter.TenantId));
        for (var reconnect = 0; !cancellationToken.IsCancellationRequested; reconnect++)
        {
            var resumeFrom = lastEventId;
            using var response = await _sender.SendAsync(_ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (resumeFrom is { } id)
                {
                    request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
                }

                return request;
            }, repeatable: true, cancellationToken, streaming: true);

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var messages = ServerSentEventReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await NextOrEndAsync(messages, cancellationToken))
                {
                    var message = messages.Current;
                    if (message.Event == "skipped")
                    {
                        break; // reopen from the last event we have: the skipped ones come from the buffer
                    }

                    if (message.Id is null)
                    {
                        continue; // a reset marker: what was missed is no longer buffered
                    }

                    var e = JsonSerializer.Deserialize<BoilerhouseEvent>(message.Data, ClientJson.Options)!;
                    lastEventId = e.Id;
                    reconnect = 0;
                    yield return e;
                }
            }
            finally
            {
                await messages.DisposeAsync();
            }

            if (!cancellationToken.IsCancellationRequested && reconnect > 0)
            {
                await Task.Delay(RetryRules.Delay(_options, reconnect - 1, null), cancellationToken);
            }
        }
    }

    /// <summary>The activity log, newest first, page after page as the enumeration goes on.</summary>
    public async IAsyncEnumerable<ActivityEntry> GetActivityAsync(ActivityQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new ActivityQuery();
        string? before = null;
        do
        {
            var page = await GetAsync<ActivityPage>("api/v1/activity" + Query(
                ("poolId", query.PoolId), ("tenantId", query.TenantId), ("type", query.Types), ("from", query.From), ("to", query.To),
                ("top", query.PageSize), ("before", before)), cancellationToken);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            before = page.Next;
        }
        while (before is not null);
    }

    /// <summary>The next message, or false when the stream ended or broke (the caller reconnects).</summary>
    private static async Task<bool> NextOrEndAsync(IAsyncEnumerator<ServerSentEvent> messages, CancellationToken cancellationToken)
    {
        try
        {
            return await messages.MoveNextAsync();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            return false;
        }
    }
}
