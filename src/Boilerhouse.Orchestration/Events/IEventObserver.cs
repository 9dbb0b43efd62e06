using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.Events;

/// <summary>A silo's receiving end of the event hub: numbered events, in id order, one batch at a time.</summary>
public interface IEventObserver : IGrainObserver
{
    Task OnEventsAsync(IReadOnlyList<BoilerhouseEvent> events);
}
