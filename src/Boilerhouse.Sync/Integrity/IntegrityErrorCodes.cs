namespace Boilerhouse.Sync.Integrity;

/// <summary>Error codes of tenant state integrity checks.</summary>
public static class IntegrityErrorCodes
{
    /// <summary>Saved state does not match its manifest (altered, missing, or an unreadable manifest): nothing was restored from it.</summary>
    public const string StateIntegrity = "STATE_INTEGRITY";
}
