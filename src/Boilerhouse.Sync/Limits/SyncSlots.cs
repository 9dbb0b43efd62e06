namespace Boilerhouse.Sync.Limits;

/// <summary>
/// The global sync slots (BOILERHOUSE_SYNC_CONCURRENCY), shared fairly: a waiting restore (a claim
/// someone waits on) always goes first, and saves may hold at most all slots but one, so a slow or
/// hostile save never starves other tenants' restores.
/// </summary>
public sealed class SyncSlots(int slots)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _restores = new();
    private readonly Queue<TaskCompletionSource> _saves = new();
    private readonly int _slots = Math.Max(1, slots);
    private int _busy;
    private int _savesBusy;

    private int SaveSlots => Math.Max(1, _slots - 1);

    /// <summary>Waits for a slot; dispose the answer to give it back.</summary>
    public async Task<IDisposable> EnterAsync(bool restore, CancellationToken cancellationToken)
    {
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            (restore ? _restores : _saves).Enqueue(turn);
            GrantAll();
        }

        try
        {
            await turn.Task.WaitAsync(cancellationToken);
            return new Slot(this, restore);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            bool granted;
            lock (_lock)
            {
                // A cancelled turn stays queued and is skipped when its time comes.
                granted = !turn.TrySetCanceled(cancellationToken);
            }

            if (granted)
            {
                Leave(restore);
            }

            throw;
        }
    }

    private bool Fits(bool restore) => _busy < _slots && (restore || _savesBusy < SaveSlots);

    private void Take(bool restore)
    {
        _busy++;
        _savesBusy += restore ? 0 : 1;
    }

    private void Leave(bool restore)
    {
        lock (_lock)
        {
            _busy--;
            _savesBusy -= restore ? 0 : 1;
            GrantAll();
        }
    }

    /// <summary>Restores first; saves only while one slot stays free for a restore (unless there is a single slot).</summary>
    private void GrantAll()
    {
        while (Grant(_restores, restore: true) || Grant(_saves, restore: false))
        {
        }
    }

    /// <summary>Hands the next live turn of the queue a slot if one fits; false when nothing was granted.</summary>
    private bool Grant(Queue<TaskCompletionSource> queue, bool restore)
    {
        while (queue.TryPeek(out var next) && Fits(restore))
        {
            queue.Dequeue();
            if (next.TrySetResult())
            {
                Take(restore);
                return true;
            }
        }

        return false;
    }

    private sealed class Slot(SyncSlots slots, bool restore) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                slots.Leave(restore);
            }
        }
    }
}
