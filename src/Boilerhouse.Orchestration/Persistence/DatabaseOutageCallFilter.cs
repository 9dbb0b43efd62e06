namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// A grain call that failed because the database cannot be reached answers a
/// <see cref="DatabaseUnavailableException"/> instead of the driver's exception: Orleans cannot
/// serialize Npgsql's exceptions to a caller on another silo (the caller would get a codec error and
/// answer 500), while this one still says "retry later" to the API (503 DATABASE_UNAVAILABLE with
/// Retry-After) and to an orchestration that waits for the database.
/// </summary>
public sealed class DatabaseOutageCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not DatabaseUnavailableException && DatabaseUnavailable.Is(ex))
        {
            throw new DatabaseUnavailableException();
        }
    }
}
