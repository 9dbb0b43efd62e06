namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// The modification time a manifest may record for a file. File times have whole-second precision
/// here, so a same-size change made in the same second as a save would look unchanged to the next
/// save's quick check (size + time) and never be uploaded. A file saved within
/// <see cref="Window"/> of its last change therefore records no time and is hashed again next save.
/// </summary>
public static class QuickCheck
{
    public const long Window = 2;

    /// <summary>The time to record (Unix seconds), or null when the file changed too close to the save.</summary>
    public static long? TimeToRecord(long modified, long savedAt) => modified < savedAt - Window ? modified : null;
}
