using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Limits;

/// <summary>
/// The bounded folder where files too big for memory wait to be sent (settings
/// BOILERHOUSE_SYNC_SPOOL_FOLDER, BOILERHOUSE_SYNC_SPOOL_LIMIT). Space is reserved for a file's
/// planned size before it is written; a reservation that does not fit waits until others are
/// released, and a file bigger than the whole limit is refused at once.
/// </summary>
public sealed class SpoolSpace(string folder, long limit)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Ready)> _waiting = new();
    private long _used;
    private int _swept;

    public string Folder { get; } = folder;

    public long Limit { get; } = limit;

    /// <summary>Bytes reserved now (for tests and metrics).</summary>
    public long Used
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    public async Task<IDisposable> ReserveAsync(long bytes, string what, CancellationToken cancellationToken)
    {
        if (bytes > Limit)
        {
            throw new BoilerhouseException(ErrorCodes.SyncFailed,
                $"{what} ({bytes} bytes) is bigger than the sync spool limit ({Limit} bytes, setting BOILERHOUSE_SYNC_SPOOL_LIMIT).");
        }

        TaskCompletionSource ready;
        LinkedListNode<(long, TaskCompletionSource)> node;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _used + bytes <= Limit)
            {
                _used += bytes;
                return new Reservation(this, bytes);
            }

            ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast((bytes, ready));
        }

        try
        {
            await ready.Task.WaitAsync(cancellationToken);
            return new Reservation(this, bytes);
        }
        catch (OperationCanceledException)
        {
            bool granted;
            lock (_lock)
            {
                granted = node.List is null;
                if (!granted)
                {
                    _waiting.Remove(node);
                }
            }

            // Granted just as it was cancelled: give the space back.
            if (granted)
            {
                Release(bytes);
            }

            throw;
        }
    }

    /// <summary>A new spool file (deleted when closed), created inside the spool folder.</summary>
    public FileStream CreateFile()
    {
        Directory.CreateDirectory(Folder);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            // Left by a crash (closed files delete themselves); an open one elsewhere keeps its data until closed.
            foreach (var leftover in Directory.EnumerateFiles(Folder, "*.spool"))
            {
                File.Delete(leftover);
            }
        }

        return new FileStream(Path.Combine(Folder, $"{Guid.NewGuid():N}.spool"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _used -= bytes;
            // First come, first served: a big waiter is not overtaken forever by small ones.
            while (_waiting.First is { } first && _used + first.Value.Bytes <= Limit)
            {
                _waiting.RemoveFirst();
                _used += first.Value.Bytes;
                first.Value.Ready.SetResult();
            }
        }
    }

    private sealed class Reservation(SpoolSpace space, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                space.Release(bytes);
            }
        }
    }
}
