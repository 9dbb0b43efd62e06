namespace Boilerhouse.Sync.Limits;

/// <summary>
/// What the engine reads from a sink at most, whatever the sink holds: whoever can write a tenant's
/// objects (or a lying endpoint) must not be able to make a run take unbounded memory or time.
/// </summary>
public static class SinkReadCaps
{
    /// <summary>A manifest bigger than this is refused (mapping limits keep real ones far below it).</summary>
    public const long ManifestBytes = 64L * 1024 * 1024;

    /// <summary>Objects one mapping's listing may hold.</summary>
    public const int ListingEntries = 250_000;

    /// <summary>Longest object key (UTF-8 bytes) S3 and Azure Blob store; the local sink uses the same.</summary>
    public const int KeyBytes = 1024;
}
