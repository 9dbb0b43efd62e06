namespace Boilerhouse.Orchestration.Hosts;

/// <summary>Stable codes of the host layer.</summary>
public static class HostErrorCodes
{
    public const string HostNotFound = "HOST_NOT_FOUND";

    /// <summary>No eligible Docker host has room for another container (the seed's code).</summary>
    public const string ResourceLimitExceeded = "RESOURCE_LIMIT_EXCEEDED";

    /// <summary>No Docker host the pool may use has the container runtime its workload names (e.g. runsc).</summary>
    public const string RuntimeUnavailable = "RUNTIME_UNAVAILABLE";
}
