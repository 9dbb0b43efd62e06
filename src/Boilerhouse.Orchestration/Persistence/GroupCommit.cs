using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Group commit for small writes many requests make at once (orchestration checkpoints, audit
/// entries; each store has its own): one writer loop takes every write queued while the previous
/// transaction ran and saves them all in one transaction (one round trip on PostgreSQL,
/// one turn of SQLite's single writer), so concurrent claims share commits instead of queueing for
/// one each. A caller's task completes once its write is durable. Writes are applied in the order
/// they were queued. When a batch fails, its writes are retried one by one, so one bad write
/// (a duplicate id, a purged instance) fails only its own caller.
/// </summary>
public sealed class GroupCommit
{
    // Bounds one transaction; more waiting writes simply go in the next.
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<BoilerhouseDb> _dbFactory;
    private readonly ILogger _logger;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });

    public GroupCommit(IDbContextFactory<BoilerhouseDb> dbFactory, ILogger logger)
    {
        _dbFactory = dbFactory;
        _logger = logger;
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a write; the task completes when it is durable (or fails with its error).</summary>
    public Task WriteAsync(Action<CheckpointBatch> stage)
    {
        var write = new QueuedWrite(stage);
        _queue.Writer.TryWrite(write);
        return write.Durable.Task;
    }

    /// <summary>Queues a write nobody waits for (it is still ordered before every later write); a failure is logged.</summary>
    public void Post(Action<CheckpointBatch> stage, string what) =>
        WriteAsync(stage).ContinueWith(
            t => _logger.LogWarning(t.Exception, "Could not store {What}; it is stored with the instance's next checkpoint or not at all", what),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task WriteLoopAsync()
    {
        var batch = new List<QueuedWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            var error = await CommitAsync(batch);
            if (error is null)
            {
                batch.ForEach(w => w.Durable.TrySetResult());
            }
            else if (batch.Count == 1)
            {
                Settle(batch[0], error);
            }
            else
            {
                foreach (var write in batch)
                {
                    Settle(write, await CommitAsync([write]));
                }
            }

            batch.Clear();
        }
    }

    /// <summary>Saves the writes in one transaction; null when durable, else why not.</summary>
    private async Task<Exception?> CommitAsync(IReadOnlyList<QueuedWrite> writes)
    {
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync();
            var staged = new CheckpointBatch(db);
            foreach (var write in writes)
            {
                write.Stage(staged);
            }

            await db.SaveChangesAsync();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static void Settle(QueuedWrite write, Exception? error)
    {
        if (error is null or DbUpdateConcurrencyException)
        {
            // A concurrency error alone means the instance row is gone (purged): there is nothing left to update.
            write.Durable.TrySetResult();
        }
        else
        {
            write.Durable.TrySetException(error);
        }
    }

    private sealed record QueuedWrite(Action<CheckpointBatch> Stage)
    {
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
