using Boilerhouse.Orchestration.Orchestrations;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// One tenant: owns its assignment and runs its orchestrations one at a time, in the order they
/// were started, so a tenant can never hold two containers or release while it claims. Starting
/// returns once the instance is recorded and queued, or, given a wait, once it finished or the wait
/// ran out (one call, not two: a claim's answer is on the hot path); waiting, status and termination
/// never queue behind a running orchestration.
/// </summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Records a claim instance and queues it; a known instance id returns that instance (idempotent).</summary>
    Task<InstanceOutcome> StartClaimAsync(ClaimCommand command, string instanceId, TimeSpan wait);

    /// <summary>Records a release instance and queues it; null when the tenant holds nothing and nothing is queued.</summary>
    Task<InstanceOutcome?> StartReleaseAsync(string instanceId, ReleaseOptions options, TimeSpan wait);

    /// <summary>Records a sync instance and queues it; null when the tenant holds nothing.</summary>
    Task<InstanceOutcome?> StartSyncAsync(SyncCommand command, string instanceId, TimeSpan wait);

    /// <summary>Waits up to <paramref name="timeout"/> for the instance to finish; answers its state then.</summary>
    Task<InstanceOutcome?> WaitAsync(string instanceId, TimeSpan timeout);

    /// <summary>Cancels a queued or running instance; false when it is not running here.</summary>
    Task<bool> TerminateAsync(string instanceId, string reason);

    /// <summary>Activates the tenant so that its unfinished instances resume.</summary>
    Task ResumeAsync();

    Task<TenantState> GetStateAsync();

    /// <summary>The tenant's app reports activity: the idle timeout starts again. False when it holds no container.</summary>
    Task<bool> TouchAsync();

    /// <summary>Its pool found the tenant's container gone: the tenant is marked lost (a new claim re-provisions it).</summary>
    Task ContainerLostAsync(string containerName);
}

[GenerateSerializer, Immutable]
public sealed record ReleaseResult(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string PoolId,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] DateTimeOffset ReleasedAt,
    // True when the release was asked not to save the tenant's state ({"sync": false}) and did not.
    [property: Id(4)] bool SyncSkipped = false);
