using System.Text.Json;
using System.Text.Json.Serialization;

namespace Boilerhouse.Sync;

/// <summary>
/// What the sink holds for one tenant and mapping: relative path -> size and SHA-256. Kept in the
/// sink beside the data (written last, after every object is confirmed), so unchanged files are
/// never sent again, a restore knows which files it already has and checks every byte it restores.
/// A save that overwrites objects first writes a journal (the entries it changes marked pending).
/// </summary>
public sealed class SyncManifest
{
    public const string FileName = ".boilerhouse-manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public Dictionary<string, ManifestEntry> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The manifest object exists but could not be read: a restore must not trust (or ignore) it.</summary>
    public bool Unreadable { get; init; }

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
                // For a save a damaged manifest only costs a full transfer; a restore refuses it.
                return new SyncManifest { Unreadable = true };
            }
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(Files, Json);
}

/// <summary>
/// A file's size and SHA-256, and its modification time (Unix seconds) when it was read from a
/// container. A pending entry (written by a save's journal) may still hold its <see cref="Previous"/>
/// content, or be absent when there was none, because the save may have stopped before writing it.
/// </summary>
public sealed record ManifestEntry(
    long Size,
    string Sha256,
    long? Modified = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Pending = false,
    ManifestEntry? Previous = null)
{
    public bool SameContent(ManifestEntry? other) => other is not null && other.Size == Size && other.Sha256 == Sha256;

    /// <summary>True when an object of this size and hash is what this entry allows.</summary>
    public bool Allows(long size, string sha256) =>
        (Size == size && Sha256 == sha256) || (Pending && Previous is not null && Previous.Size == size && Previous.Sha256 == sha256);

    /// <summary>True when the object must exist: a pending entry without previous content may never have been written.</summary>
    public bool MustExist => !Pending || Previous is not null;
}
