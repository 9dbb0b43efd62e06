namespace Boilerhouse.Orchestration.Sync;

/// <summary>Error codes of sync orchestrations and the sync API.</summary>
public static class SyncErrorCodes
{
    /// <summary>The tenant's pool (or the named spec) has no x-boilerhouse.sync.</summary>
    public const string SyncNotConfigured = "SYNC_NOT_CONFIGURED";

    /// <summary>The sync spec's policy says allow_manual_trigger: false.</summary>
    public const string ManualSyncNotAllowed = "MANUAL_SYNC_NOT_ALLOWED";

    /// <summary>No sync spec has this id.</summary>
    public const string SyncSpecNotFound = "SYNC_SPEC_NOT_FOUND";
}
