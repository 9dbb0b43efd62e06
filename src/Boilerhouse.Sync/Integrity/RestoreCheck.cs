using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// What a restore demands of saved state before any of it reaches a container: a readable manifest,
/// every object it names present, and every restored object's bytes (hashed while streaming) equal
/// to what the manifest recorded. Objects the manifest does not name (put there by hand) are
/// restored as they are. Any failure is STATE_INTEGRITY naming the object; the sink is not touched.
/// </summary>
public static class RestoreCheck
{
    public static void RequireReadable(SyncManifest manifest, string manifestKey)
    {
        if (manifest.Unreadable)
        {
            throw Failed($"The manifest {manifestKey} cannot be read, so the saved state cannot be checked; nothing of it was restored.");
        }
    }

    public static void RequireAllPresent(SyncManifest manifest, IReadOnlyDictionary<string, long> listed, string keyBase)
    {
        var missing = manifest.Files.Where(f => f.Value.MustExist && !listed.ContainsKey(f.Key)).Select(f => keyBase + f.Key).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw Failed($"The manifest names {missing.Count} object(s) the sink does not have ({string.Join(", ", missing.Take(5))}); nothing of it was restored.");
        }
    }

    public static void RequireRecorded(ManifestEntry? recorded, string key, long size, string sha256)
    {
        if (recorded is not null && !recorded.Allows(size, sha256))
        {
            throw Failed($"{key} in the sink does not match its manifest (saved {recorded.Size} bytes, SHA-256 {recorded.Sha256}; "
                + $"read {size} bytes, SHA-256 {sha256}): it was altered outside Boilerhouse. Nothing of it was restored.");
        }
    }

    private static BoilerhouseException Failed(string message) => new(IntegrityErrorCodes.StateIntegrity, message);
}
