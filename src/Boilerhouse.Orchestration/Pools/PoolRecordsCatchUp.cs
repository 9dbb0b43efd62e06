using Boilerhouse.Orchestration.Persistence;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Writes a pool's container records without letting a database outage stop the work around them:
/// a container that warms, dies or is removed while the database is down still goes on in the book
/// and in Docker, and its record is caught up on the next timer tick, from the book (written as the
/// book has it now, or deleted when the book no longer knows it). Without this, a record that
/// missed its write would leave Docker and the database disagreeing for good.
/// </summary>
internal sealed class PoolRecordsCatchUp(PoolStore store, PoolBook book, ILogger logger)
{
    private readonly HashSet<string> _behind = new(StringComparer.Ordinal);

    public Task SaveAsync(PoolMember member) => TryWriteAsync(member.Name, () => store.SaveAsync(member));

    public Task DeleteAsync(string containerName) => TryWriteAsync(containerName, () => store.DeleteAsync(containerName));

    /// <summary>Brings every record that missed its write up to the book; stops at the first that still cannot be written.</summary>
    public async Task CatchUpAsync()
    {
        foreach (var name in _behind.ToList())
        {
            var written = book.TryGet(name, out var member) ? await TryWriteAsync(name, () => store.SaveAsync(member)) : await TryWriteAsync(name, () => store.DeleteAsync(name));
            if (!written)
            {
                return;
            }
        }
    }

    private async Task<bool> TryWriteAsync(string containerName, Func<Task> write)
    {
        try
        {
            await write();
            if (_behind.Remove(containerName))
            {
                logger.LogInformation("Pool {PoolId}: the record of container {ContainerName} caught up with the database", book.PoolId, containerName);
            }

            return true;
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            if (_behind.Add(containerName))
            {
                logger.LogWarning("Pool {PoolId}: the database is unavailable; the record of container {ContainerName} is written when it is back",
                    book.PoolId, containerName);
            }

            return false;
        }
    }
}
