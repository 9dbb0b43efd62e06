using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.ActivityLog;

/// <summary>
/// Writes the activity log off the event path: subscribed to this silo's event feed like any SSE
/// client (the feed only queues, so a slow disk never slows a claim), it stores what piled up since
/// its last write as one batch. Every silo writes what it sees; entries are keyed by event id and
/// inserted-or-ignored, so a cluster stores each event once. It also deletes entries past retention.
/// </summary>
public sealed class ActivityWriter(
    EventFeed feed, ActivityStore store, IOptions<ActivityOptions> options, TimeProvider time, ILogger<ActivityWriter> logger) : BackgroundService
{
    // A batch that cannot be stored is retried a little later rather than dropped at the first hiccup.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the writer listens to the feed: events after that are all stored.</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(EventFilter.Everything, null, options.Value.QueueSize);
        _subscribed.TrySetResult();
        var nextPurge = time.GetUtcNow();
        IReadOnlyList<EventFrame> unstored = [];
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= nextPurge)
                {
                    await TryPurgeAsync(stoppingToken);
                    nextPurge = time.GetUtcNow() + options.Value.PurgeEvery;
                }

                unstored = await subscription.Queue.ReadAsync(Idle, stoppingToken);
                await StoreAsync(unstored, stoppingToken);
                unstored = [];
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: what already arrived is still stored, without waiting for more, including a batch
        // whose write the stop interrupted (entries are insert-or-ignore, so a half-written one is harmless).
        var rest = await subscription.Queue.ReadAsync(TimeSpan.Zero, CancellationToken.None);
        await StoreAsync([.. unstored, .. rest], CancellationToken.None);
    }

    /// <summary>Deletes the entries older than the retention; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) =>
        store.DeleteOlderThanAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);

    /// <summary>The entries a batch of frames makes: one per event worth telling.</summary>
    public static IReadOnlyList<ActivityRecord> Entries(IEnumerable<EventFrame> frames) =>
        [.. frames
            .Where(f => f.Event is not null)
            .Select(f => (Event: f.Event!, Sentence: ActivitySentences.Describe(f.Event!)))
            .Where(x => x.Sentence is not null)
            .Select(x => new ActivityRecord
            {
                Id = x.Event.Id, Time = x.Event.Time, Type = x.Event.Type, PoolId = x.Event.PoolId, TenantId = x.Event.TenantId,
                ContainerId = x.Event.ContainerId, HostId = x.Event.HostId, Sentence = x.Sentence!,
            })];

    private async Task StoreAsync(IReadOnlyList<EventFrame> frames, CancellationToken stoppingToken)
    {
        foreach (var marker in frames.Where(f => f.Marker is not null).Select(f => f.Marker!))
        {
            logger.LogWarning("The activity log fell behind and missed {Count} events (ids {FromId} to {ToId})", marker.Count, marker.FromId, marker.ToId);
        }

        var entries = Entries(frames);
        for (var attempt = 1; entries.Count > 0; attempt++)
        {
            try
            {
                await store.AddAsync(entries, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 3)
            {
                logger.LogWarning(ex, "Could not write {Count} activity entries (attempt {Attempt}); retrying", entries.Count, attempt);
                await Task.Delay(RetryAfter, time, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not write {Count} activity entries; they are lost from the activity log", entries.Count);
                return;
            }
        }
    }

    private async Task TryPurgeAsync(CancellationToken stoppingToken)
    {
        try
        {
            var deleted = await PurgeExpiredAsync(stoppingToken);
            if (deleted > 0)
            {
                logger.LogInformation("Deleted {Count} activity entries older than {Retention}", deleted, options.Value.Retention);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not delete old activity entries; trying again later");
        }
    }
}
