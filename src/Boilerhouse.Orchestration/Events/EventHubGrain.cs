using Boilerhouse.Core.Events;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// Numbers events and fans them out to every silo's feed. Ids start from the activation's clock
/// (milliseconds x 1000), so they keep growing across restarts and moves without storage.
/// </summary>
public sealed class EventHubGrain(TimeProvider time, ILogger<EventHubGrain> logger) : Grain, IEventHubGrain
{
    public const string Key = "events";

    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    // A feed that does not take a batch in this time is dropped; it comes back when it renews.
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<IEventObserver, DateTimeOffset> _feeds = [];
    private long _lastId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Subscriptions live in memory here: stay active rather than lose them to idle collection.
        DelayDeactivation(TimeSpan.FromDays(365));
        _lastId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        return Task.CompletedTask;
    }

    public async Task PublishAsync(IReadOnlyList<BoilerhouseEvent> events)
    {
        var numbered = events.Select(e => e with { Id = ++_lastId }).ToList();
        var now = time.GetUtcNow();
        var feeds = _feeds.Where(f => now - f.Value < SubscriptionLifetime).Select(f => f.Key).ToList();
        // Delivery is awaited (feeds only queue in memory), so each feed receives batches in id order.
        var deliveries = feeds.Select(f => (Feed: f, Task: f.OnEventsAsync(numbered).WaitAsync(DeliveryTimeout))).ToList();
        foreach (var (feed, delivery) in deliveries)
        {
            try
            {
                await delivery;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "An event feed did not take {Count} events; it is dropped until it subscribes again", numbered.Count);
                _feeds.Remove(feed);
            }
        }
    }

    public Task SubscribeAsync(IEventObserver feed)
    {
        _feeds[feed] = time.GetUtcNow();
        return Task.CompletedTask;
    }
}
