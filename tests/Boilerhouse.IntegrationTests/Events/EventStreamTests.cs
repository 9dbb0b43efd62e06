using System.Net;
using Boilerhouse.Core.Events;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Events;

/// <summary>
/// The event stream on a real host and engine: a tenant's claim and release over SSE and WebSocket,
/// Last-Event-ID resume, and a stalled subscriber that must not hold claims back.
/// </summary>
public sealed class EventStreamTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    private static readonly string[] ClaimAndRelease =
    [
        EventTypes.OrchestrationStarted, EventTypes.ContainerClaimed, EventTypes.OrchestrationCompleted,
        EventTypes.OrchestrationStarted, EventTypes.ContainerReleased, EventTypes.ContainerDestroyed, EventTypes.OrchestrationCompleted,
    ];

    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Sse_subscriber_sees_a_tenants_claim_and_release_in_order_with_their_payloads()
    {
        var tenant = NewTenant();
        await using var stream = await EventStream.OpenSseAsync(Api, $"tenantId={tenant}");

        var (containerId, claimInstance) = await ClaimAsync(tenant);
        await ReleaseAsync(tenant);
        var frames = await stream.ReadUntilAsync(IsReleaseCompleted);

        AssertClaimAndRelease(frames, tenant, containerId, claimInstance);
    }

    [Fact]
    public async Task WebSocket_subscriber_sees_a_tenants_claim_and_release_in_order_with_their_payloads()
    {
        var tenant = NewTenant();
        await using var stream = await EventStream.OpenWebSocketAsync(fixture.App, $"tenantId={tenant}&types=container.*,orchestration.*");

        var (containerId, claimInstance) = await ClaimAsync(tenant);
        await ReleaseAsync(tenant);
        var frames = await stream.ReadUntilAsync(IsReleaseCompleted);

        AssertClaimAndRelease(frames, tenant, containerId, claimInstance);
    }

    [Fact]
    public async Task Type_filter_passes_only_the_named_types()
    {
        var tenant = NewTenant();
        await using var stream = await EventStream.OpenSseAsync(Api, $"tenantId={tenant}&types=container.claimed,container.destroyed");

        var (containerId, _) = await ClaimAsync(tenant);
        await ReleaseAsync(tenant);
        var frames = await stream.ReadUntilAsync(f => f.Type == EventTypes.ContainerDestroyed);

        Assert.Equal([EventTypes.ContainerClaimed, EventTypes.ContainerDestroyed], frames.Select(f => f.Type));
        Assert.All(frames, f => Assert.Equal(containerId, f.Data.Str("containerId")));
    }

    [Fact]
    public async Task Last_event_id_resume_returns_exactly_the_events_missed_while_away()
    {
        // Given a subscriber that saw the claim and then went away
        var tenant = NewTenant();
        long lastSeen;
        await using (var first = await EventStream.OpenSseAsync(Api, $"tenantId={tenant}"))
        {
            await ClaimAsync(tenant);
            lastSeen = (await first.ReadUntilAsync(f => f.Type == EventTypes.OrchestrationCompleted)).Last().Id!.Value;
        }

        // When the release happens while it is away, and it comes back with Last-Event-ID
        await ReleaseAsync(tenant);
        var missed = await WaitForBufferedAsync(tenant, lastSeen, list => list.Any(e => e.Str("type") == EventTypes.OrchestrationCompleted));
        await using var resumed = await EventStream.OpenSseAsync(Api, $"tenantId={tenant}", lastEventId: lastSeen);
        var frames = await resumed.ReadUntilAsync(IsReleaseCompleted);

        // Then it gets exactly the release's events, no marker, nothing it saw before
        Assert.Equal(missed.Select(e => e["id"]!.GetValue<long>()), frames.Select(f => f.Id!.Value));
        Assert.Equal(ClaimAndRelease[3..], frames.Select(f => f.Type));
        Assert.All(frames, f => Assert.True(f.Id > lastSeen));
    }

    [Fact]
    public async Task Last_event_id_older_than_the_buffer_starts_with_a_reset_marker()
    {
        await using var stream = await EventStream.OpenSseAsync(Api, $"tenantId={NewTenant()}", lastEventId: 1);

        var first = await stream.NextAsync();

        Assert.Equal(EventTypes.Reset, first.Type);
        Assert.Null(first.Id);
        Assert.Contains("not in the recent buffer", first.Data.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_subscribers_do_not_hold_claims_back_and_a_slow_one_skips_ahead()
    {
        // Given an SSE subscriber that never reads, and a feed subscriber that never reads either
        await using var stalled = await EventStream.OpenSseAsync(Api, "");
        using var slow = fixture.App.Services.GetRequiredService<EventFeed>().Subscribe(EventFilter.Everything, null);

        // When tenants claim and release, more events than one subscriber's queue holds
        var tenants = Enumerable.Range(0, 3).Select(_ => NewTenant()).ToList();
        foreach (var tenant in tenants)
        {
            await ClaimAsync(tenant);
            await ReleaseAsync(tenant);
        }

        // Then every claim and release completed (asserted above), and the slow subscriber is told what it skipped
        var frames = await slow.Queue.ReadAsync(EventStream.Timeout, CancellationToken.None);
        var marker = frames[0].Marker;
        Assert.NotNull(marker);
        Assert.Equal(EventTypes.Skipped, marker.Type);
        Assert.True(marker.Count > 0);
        Assert.True(frames.Count - 1 <= EventsFixture.SubscriberQueue, $"{frames.Count - 1} events queued past the queue's bound");
        Assert.True(frames[1].Event!.Id > marker.ToId);
    }

    [Fact]
    public async Task Json_listing_without_sse_returns_buffered_events_and_refuses_unknown_types()
    {
        var tenant = NewTenant();
        var (containerId, _) = await ClaimAsync(tenant);
        var listed = await WaitForBufferedAsync(tenant, null, list => list.Any(e => e.Str("type") == EventTypes.OrchestrationCompleted));
        Assert.Contains(listed, e => e.Str("type") == EventTypes.ContainerClaimed && e.Str("containerId") == containerId);

        var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, "/api/v1/events?types=container.exploded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", body.Str("code"));
        Assert.Contains("container.exploded", body.Str("detail"), StringComparison.Ordinal);

        var (badId, badIdBody) = await Api.SendJsonAsync(HttpMethod.Get, "/api/v1/events?lastEventId=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("INVALID_REQUEST", badIdBody.Str("code"));
        await ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Plain_get_of_the_websocket_route_is_refused_with_a_clear_problem()
    {
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, "/api/v1/events/ws");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", body.Str("code"));
    }

    private static bool IsReleaseCompleted(StreamFrame f) =>
        f.Type == EventTypes.OrchestrationCompleted && f.Data["payload"]?["name"]?.GetValue<string>() == "release";

    private static void AssertClaimAndRelease(List<StreamFrame> frames, string tenant, string containerId, string claimInstance)
    {
        Assert.Equal(ClaimAndRelease, frames.Select(f => f.Type));
        Assert.All(frames, f => Assert.Equal(tenant, f.Data.Str("tenantId")));
        Assert.All(frames, f => Assert.Equal(TestWorkloads.Web, f.Data.Str("poolId")));
        var ids = frames.Select(f => f.Id!.Value).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        Assert.Equal("claim", frames[0].Data["payload"]!.Str("name"));
        Assert.Equal(claimInstance, frames[0].Data["payload"]!.Str("instanceId"));
        Assert.Equal(containerId, frames[1].Data.Str("containerId"));
        Assert.Equal(claimInstance, frames[1].Data["payload"]!.Str("instanceId"));
        Assert.False(string.IsNullOrEmpty(frames[1].Data.Str("hostId")));
        Assert.Equal("claim", frames[2].Data["payload"]!.Str("name"));
        Assert.Equal("release", frames[3].Data["payload"]!.Str("name"));
        Assert.Equal(containerId, frames[4].Data.Str("containerId"));
        Assert.Equal(containerId, frames[5].Data.Str("containerId"));
        Assert.Equal("release", frames[6].Data["payload"]!.Str("name"));
    }

    private async Task<(string ContainerId, string InstanceId)> ClaimAsync(string tenant)
    {
        var (response, body) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"claim answered {(int)response.StatusCode}: {body}");
        return (body.Str("containerId"), body.Str("instanceId"));
    }

    private async Task ReleaseAsync(string tenant)
    {
        var (response, body) = await Api.ReleaseAsync(tenant);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"release answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>The tenant's buffered events (after an id), once <paramref name="done"/> holds for them.</summary>
    private async Task<List<System.Text.Json.Nodes.JsonNode>> WaitForBufferedAsync(
        string tenant, long? after, Func<List<System.Text.Json.Nodes.JsonNode>, bool> done)
    {
        List<System.Text.Json.Nodes.JsonNode> events = [];
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var body = await Api.GetJsonAsync($"/api/v1/events?tenantId={tenant}&limit=10000" + (after is { } id ? $"&lastEventId={id}" : ""));
            events = [.. body["events"]!.AsArray().Select(e => e!)];
            return done(events);
        }, $"the buffer holds tenant {tenant}'s events");
        return events;
    }

    private static string NewTenant() => $"ev-{Guid.NewGuid():N}"[..15];
}
