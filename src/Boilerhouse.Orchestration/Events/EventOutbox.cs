using System.Threading.Channels;
using Boilerhouse.Core.Events;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// The publisher every part of this silo uses: it stamps the time and queues the event for the
/// <see cref="EventPump"/>. A full outbox drops the event rather than slow its publisher.
/// </summary>
public sealed class EventOutbox(IOptions<EventOptions> options, TimeProvider time) : IEventPublisher
{
    private readonly Channel<BoilerhouseEvent> _queue = Channel.CreateBounded<BoilerhouseEvent>(
        new BoundedChannelOptions(options.Value.OutboxSize) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _dropped;

    public ChannelReader<BoilerhouseEvent> Reader => _queue.Reader;

    /// <summary>Events dropped because the outbox was full (since the last read of this counter).</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    public void Publish(string type, string? poolId = null, string? tenantId = null, string? containerId = null, string? hostId = null, object? payload = null)
    {
        try
        {
            if (!_queue.Writer.TryWrite(BoilerhouseEvent.Draft(type, time.GetUtcNow(), poolId, tenantId, containerId, hostId, payload)))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
        catch (Exception)
        {
            // A payload that cannot be written as JSON loses its event, never its publisher's work.
            Interlocked.Increment(ref _dropped);
        }
    }
}
