namespace Boilerhouse.Cli.Output;

/// <summary>Collects a paged list, up to a count when one is given (the pages are fetched as needed).</summary>
internal static class Listing
{
    public static async Task<List<T>> TakeAsync<T>(IAsyncEnumerable<T> items, int? top)
    {
        if (top is < 1)
        {
            throw new CliUsageException($"--top must be at least 1, got {top}.");
        }

        var found = new List<T>();
        await foreach (var item in items)
        {
            found.Add(item);
            if (found.Count == top)
            {
                break;
            }
        }

        return found;
    }
}
