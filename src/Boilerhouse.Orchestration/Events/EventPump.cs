using Boilerhouse.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// Sends this silo's outbox to the event hub in batches, in order, and keeps this silo's feed
/// subscribed to the hub (renewed well within its lifetime, so a hub that moved finds it again).
/// </summary>
public sealed class EventPump(EventOutbox outbox, EventFeed feed, IGrainFactory grains, ILogger<EventPump> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    // Well within the lifetime, and short: a hub that moved to another silo (its own silo died) starts
    // with no feeds, and gets every silo's feed back within seconds.
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    // Events wait in the outbox until this silo's feed is subscribed, so the buffer starts with the first event.
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IEventHubGrain Hub => grains.GetGrain<IEventHubGrain>(EventHubGrain.Key);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RenewAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task RenewAsync(CancellationToken stoppingToken)
    {
        // The reference is kept here: the runtime holds observers weakly.
        var reference = grains.CreateObjectReference<IEventObserver>(feed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Hub.SubscribeAsync(reference);
                _subscribed.TrySetResult();
            }
            catch (Exception ex)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                logger.LogWarning(ex, "Could not subscribe this silo's event feed to the event hub; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            await Task.Delay(RenewEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        GC.KeepAlive(reference);
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        var batch = new List<BoilerhouseEvent>(MaxBatch);
        try
        {
            await _subscribed.Task.WaitAsync(stoppingToken);
            while (await outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && outbox.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }

                try
                {
                    await Hub.PublishAsync([.. batch]);
                }
                catch (Exception ex)
                {
                    // Events are notifications: a batch the hub cannot take is lost, never retried forever.
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogWarning(ex, "Could not publish {Count} events to the event hub; they are dropped", batch.Count);
                    }
                }

                batch.Clear();
                if (outbox.TakeDropped() is > 0 and var dropped)
                {
                    logger.LogWarning("The event outbox was full: {Count} events were dropped", dropped);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
