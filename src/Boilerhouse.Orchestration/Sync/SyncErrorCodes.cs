namespace Boilerhouse.Orchestration.Sync;

/// <summary>Error codes of the sync API; SYNC_NOT_CONFIGURED and MANUAL_SYNC_NOT_ALLOWED are domain rules, in <see cref="Boilerhouse.Core.Errors.ErrorCodes"/>.</summary>
public static class SyncErrorCodes
{
    /// <summary>No sync spec has this id.</summary>
    public const string SyncSpecNotFound = "SYNC_SPEC_NOT_FOUND";
}
