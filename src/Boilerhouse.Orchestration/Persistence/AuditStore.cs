using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// The audit log: appended for every state-changing request, read newest first in pages. Entries of
/// concurrent requests share transactions (<see cref="GroupCommit"/>): a burst of claims writes a few
/// batches of entries, not one transaction each competing with the claims' own writes.
/// </summary>
public sealed class AuditStore(IDbContextFactory<BoilerhouseDb> dbFactory, ILogger<AuditStore>? logger = null)
{
    /// <summary>Entries begun and not stored yet: a query waits for them, so a caller reads its own requests.</summary>
    private readonly ConcurrentDictionary<Task, byte> _pending = [];

    private readonly GroupCommit _writes = new(dbFactory, (ILogger?)logger ?? NullLogger.Instance);

    /// <summary>Stores the entry; completes once it is durable.</summary>
    public Task AddAsync(AuditRecord record, CancellationToken cancellationToken) =>
        _writes.WriteAsync(batch => batch.Add(record)).WaitAsync(cancellationToken);

    /// <summary>
    /// Stores the entry <paramref name="record"/> makes once <paramref name="first"/> ran (e.g. the answer went
    /// out). Queries started meanwhile wait for it: the entry is pending from this call on, not from its write.
    /// </summary>
    public async Task AddAfterAsync(Func<Task> first, Func<AuditRecord> record)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.TryAdd(stored.Task, 0);
        try
        {
            await first();
            await AddAsync(record(), CancellationToken.None);
        }
        finally
        {
            stored.TrySetResult();
            _pending.TryRemove(stored.Task, out _);
        }
    }

    /// <summary>A page of entries older than <paramref name="beforeId"/> (null: the newest), newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_pending.Keys).WaitAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = db.AuditLog.AsNoTracking().AsQueryable();
        if (query.KeyId is { } keyId)
        {
            records = records.Where(r => r.KeyId == keyId);
        }

        if (query.Action is { } action)
        {
            records = records.Where(r => r.Action.Contains(action));
        }

        return await records.Page(query.From, query.To, query.BeforeId, query.Top).ToListAsync(cancellationToken);
    }
}

public sealed record AuditQuery(string? KeyId, string? Action, DateTimeOffset? From, DateTimeOffset? To, long? BeforeId, int Top);
