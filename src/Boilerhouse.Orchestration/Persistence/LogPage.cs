namespace Boilerhouse.Orchestration.Persistence;

/// <summary>A row of an append-only log (audit, activity): a growing id and the time it happened.</summary>
public interface ILogEntry
{
    long Id { get; }

    DateTimeOffset Time { get; }
}

/// <summary>The page the log APIs answer: within a time window, older than a seen id, newest first.</summary>
public static class LogPage
{
    public static IQueryable<T> Page<T>(this IQueryable<T> entries, DateTimeOffset? from, DateTimeOffset? to, long? beforeId, int top)
        where T : class, ILogEntry
    {
        if (from is { } start)
        {
            entries = entries.Where(e => e.Time >= start);
        }

        if (to is { } end)
        {
            entries = entries.Where(e => e.Time <= end);
        }

        if (beforeId is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        return entries.OrderByDescending(e => e.Id).Take(top);
    }
}
