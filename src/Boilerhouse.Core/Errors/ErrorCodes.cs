namespace Boilerhouse.Core.Errors;

/// <summary>Stable error codes returned by the API; clients switch on them.</summary>
public static class ErrorCodes
{
    public const string InvalidId = "INVALID_ID";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string InvalidConfig = "INVALID_CONFIG";
    public const string InvalidSecrets = "INVALID_SECRETS";
    public const string InvalidWorkloadSpec = "INVALID_WORKLOAD_SPEC";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string PoolNotFound = "POOL_NOT_FOUND";
    public const string PoolExhausted = "POOL_EXHAUSTED";
    public const string TenantNotFound = "TENANT_NOT_FOUND";
    public const string TenantAlreadyClaimed = "TENANT_ALREADY_CLAIMED";
    public const string TenantBusy = "TENANT_BUSY";
    public const string OrchestrationNotFound = "ORCHESTRATION_NOT_FOUND";
    public const string DockerUnavailable = "DOCKER_UNAVAILABLE";
    public const string ContainerNotFound = "CONTAINER_NOT_FOUND";
    public const string ContainerUnhealthy = "CONTAINER_UNHEALTHY";
    public const string ContainerFailed = "CONTAINER_FAILED";
    public const string ContainerPathNotFound = "CONTAINER_PATH_NOT_FOUND";

    /// <summary>A files API path that would leave the tenant's state volume: absolute, '..', or through a link.</summary>
    public const string PathRefused = "PATH_REFUSED";
    public const string ProvisioningFailed = "PROVISIONING_FAILED";
    public const string SinkUnavailable = "SINK_UNAVAILABLE";
    /// <summary>The database cannot be reached right now (PostgreSQL down or restarting); retry after the Retry-After header.</summary>
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";
    /// <summary>A silo of the cluster stopped answering while it served the request (its grains move to the others in seconds); retry after the Retry-After header.</summary>
    public const string ClusterUnavailable = "CLUSTER_UNAVAILABLE";
    public const string SyncFailed = "SYNC_FAILED";

    /// <summary>The tenant's pool (or the named spec) has no x-boilerhouse.sync.</summary>
    public const string SyncNotConfigured = "SYNC_NOT_CONFIGURED";

    /// <summary>The sync spec's policy says allow_manual_trigger: false.</summary>
    public const string ManualSyncNotAllowed = "MANUAL_SYNC_NOT_ALLOWED";
    public const string SyncFilesRefused = "SYNC_FILES_REFUSED";
    public const string Internal = "INTERNAL_ERROR";
}
