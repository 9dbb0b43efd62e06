namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Reads something the caller cannot go on without, through a database outage: tries, and while
/// the database is unavailable waits (0.5 s, doubling to 5 s) and tries again. Any other error is thrown.
/// </summary>
public static class DatabaseWait
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    public static async Task<T> UntilAnswersAsync<T>(Func<Task<T>> read, TimeProvider time)
    {
        var wait = FirstWait;
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception ex) when (DatabaseUnavailable.Is(ex))
            {
                await Task.Delay(wait, time);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestWait.Ticks));
            }
        }
    }
}
