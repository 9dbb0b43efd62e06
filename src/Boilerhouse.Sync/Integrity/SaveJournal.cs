namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// The manifest a save writes before it overwrites any object: the last manifest, with every file
/// the save changes marked pending (its new size and hash, and the previous ones it may still hold).
/// A save that stops between data and the final manifest thus never leaves a manifest that calls
/// good data corrupt or describes data that is not there.
/// </summary>
public static class SaveJournal
{
    public static SyncManifest For(SyncManifest last, IEnumerable<KeyValuePair<string, ManifestEntry>> changes, IReadOnlyDictionary<string, long> listed)
    {
        var journal = new SyncManifest { Files = new Dictionary<string, ManifestEntry>(last.Files, StringComparer.Ordinal) };
        foreach (var (path, next) in changes)
        {
            switch (last.Files.GetValueOrDefault(path))
            {
                case { Pending: false } previous:
                    journal.Files[path] = next with { Pending = true, Previous = previous with { Modified = null } };
                    break;
                case null when !listed.ContainsKey(path):
                    journal.Files[path] = next with { Pending = true };
                    break;
                default:
                    // The object's bytes were never recorded (or are themselves pending): nothing to check them against.
                    journal.Files.Remove(path);
                    break;
            }
        }

        return journal;
    }
}
