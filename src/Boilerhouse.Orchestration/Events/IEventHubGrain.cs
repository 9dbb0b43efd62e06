using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// The cluster's one event sequencer (key <see cref="EventHubGrain.Key"/>): every silo sends its events
/// here, the hub numbers them in one order and hands them to every silo's subscribed feed, so
/// Last-Event-ID means the same event on every silo.
/// </summary>
public interface IEventHubGrain : IGrainWithStringKey
{
    /// <summary>Numbers the events (in the order given) and delivers them to every subscribed feed.</summary>
    Task PublishAsync(IReadOnlyList<BoilerhouseEvent> events);

    /// <summary>Adds or renews a silo's feed; a feed not renewed within <see cref="EventHubGrain.SubscriptionLifetime"/> is dropped.</summary>
    Task SubscribeAsync(IEventObserver feed);
}
