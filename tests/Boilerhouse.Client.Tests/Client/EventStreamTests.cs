using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>Events as an IAsyncEnumerable over the real SSE stream: live, filtered, resumed after an id.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class EventStreamTests(ClientHost host)
{
    [Fact]
    public async Task Stream_yields_a_tenants_claim_and_release_and_resumes_after_an_event_id()
    {
        using var client = host.Admin();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var claim = await client.ClaimAsync("watched", new ClaimRequest(ClientHost.Pool));

        // From the start of the buffer (id 0 is older than any), only this tenant's container events
        var stream = client.StreamEventsAsync(new EventFilter { TenantId = "watched", Types = ["container.*"], LastEventId = 0 }, stop.Token)
            .GetAsyncEnumerator(stop.Token);
        var claimed = await NextAsync(stream, "container.claimed");
        Assert.Equal(claim.ContainerId, claimed.ContainerId);
        Assert.Equal("watched", claimed.TenantId);

        // A release happens while the stream is open: it arrives live
        await client.ReleaseAsync("watched");
        var released = await NextAsync(stream, "container.released");
        Assert.True(released.Id > claimed.Id);
        await stream.DisposeAsync();

        // Resuming after the claimed event replays what followed it, not the event itself
        await using var resumed = client.StreamEventsAsync(new EventFilter { TenantId = "watched", LastEventId = claimed.Id }, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await resumed.MoveNextAsync());
        Assert.True(resumed.Current.Id > claimed.Id);
    }

    private static async Task<BoilerhouseEvent> NextAsync(IAsyncEnumerator<BoilerhouseEvent> stream, string type)
    {
        while (await stream.MoveNextAsync())
        {
            if (stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }
}
