using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Where sync spools files too big for memory, and how much it may hold: BOILERHOUSE_SYNC_SPOOL_FOLDER
/// (default: the data folder's spool/) and BOILERHOUSE_SYNC_SPOOL_LIMIT (a byte size, default 4g;
/// also the largest file a save can store).
/// </summary>
public sealed record SpoolSettings(string Folder, long Limit)
{
    public static SpoolSettings Load(IConfiguration configuration, string root, string dataDirectory)
    {
        var reader = new SettingsReader(configuration);
        var folder = Path.GetFullPath(reader.String("BOILERHOUSE_SYNC_SPOOL_FOLDER", Path.Combine(dataDirectory, "spool")), root);
        var limit = reader.String("BOILERHOUSE_SYNC_SPOOL_LIMIT", "4g");
        return ByteSize.TryParse(limit, out var bytes) && bytes >= 16L * 1024 * 1024
            ? new SpoolSettings(folder, bytes)
            : throw new SettingsException($"BOILERHOUSE_SYNC_SPOOL_LIMIT '{limit}' is not a byte size of at least 16m (e.g. '4g', '512m').");
    }
}
