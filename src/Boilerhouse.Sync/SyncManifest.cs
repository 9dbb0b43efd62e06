using System.Text.Json;

namespace Boilerhouse.Sync;

/// <summary>
/// What the sink holds for one tenant and mapping: relative path -> size and SHA-256. Kept in the
/// sink beside the data (written last, after every object is confirmed), so unchanged files are
/// never sent again and a restore knows which files it already has.
/// </summary>
public sealed class SyncManifest
{
    public const string FileName = ".boilerhouse-manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Dictionary<string, ManifestEntry> Files { get; init; } = new(StringComparer.Ordinal);

    public static async Task<SyncManifest> ReadAsync(Stream? stream, CancellationToken cancellationToken)
    {
        if (stream is null)
        {
            return new SyncManifest();
        }

        await using (stream)
        {
            try
            {
                var files = await JsonSerializer.DeserializeAsync<Dictionary<string, ManifestEntry>>(stream, Json, cancellationToken);
                return new SyncManifest { Files = new Dictionary<string, ManifestEntry>(files ?? [], StringComparer.Ordinal) };
            }
            catch (JsonException)
            {
                // A damaged manifest only costs a full transfer: every file is compared again.
                return new SyncManifest();
            }
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(Files, Json);
}

/// <summary>A file's size and SHA-256, and its modification time (Unix seconds) when it was read from a container.</summary>
public sealed record ManifestEntry(long Size, string Sha256, long? Modified = null)
{
    public bool SameContent(ManifestEntry? other) => other is not null && other.Size == Size && other.Sha256 == Sha256;
}
