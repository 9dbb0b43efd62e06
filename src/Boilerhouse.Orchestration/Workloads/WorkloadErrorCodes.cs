namespace Boilerhouse.Orchestration.Workloads;

/// <summary>Error codes of the workloads and pools APIs.</summary>
public static class WorkloadErrorCodes
{
    public const string WorkloadNotFound = "WORKLOAD_NOT_FOUND";
    /// <summary>POST of an id that already has a workload (or a file): PUT replaces it.</summary>
    public const string WorkloadExists = "WORKLOAD_EXISTS";
    /// <summary>DELETE while tenants hold containers of the workload, without ?force=true.</summary>
    public const string WorkloadInUse = "WORKLOAD_IN_USE";
    /// <summary>POST of a pool id that already exists, or a workload declaring a pool id another workload has.</summary>
    public const string PoolExists = "POOL_EXISTS";
    /// <summary>DELETE of a pool while tenants hold its containers, without ?force=true.</summary>
    public const string PoolInUse = "POOL_IN_USE";
    /// <summary>DELETE of a workload's only pool: delete the workload instead.</summary>
    public const string LastPool = "LAST_POOL";
    /// <summary>If-Match did not match the workload's current ETag: someone changed it since it was read.</summary>
    public const string PreconditionFailed = "PRECONDITION_FAILED";
}
