using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Sync;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Sync step 1: the container of a claimed tenant, from its grain's copy of the assignment.</summary>
public sealed class FindContainerActivity : Activity<TenantLookup, SyncTarget>
{
    public override string Name => "FindContainer";

    public override Task<SyncTarget> RunAsync(TenantLookup input, CancellationToken cancellationToken) => input.Current switch
    {
        null => throw new BoilerhouseException(ErrorCodes.TenantNotFound, $"Tenant '{input.TenantId}' holds no container."),
        { Status: not TenantStatus.Claimed } current => throw new BoilerhouseException(ErrorCodes.TenantBusy,
            $"Tenant '{input.TenantId}' is {current.Status.ToString().ToLowerInvariant()}; its state can only be synced while it is claimed."),
        var current => Task.FromResult(new SyncTarget(input.TenantId, current.PoolId, current.ContainerName, current.ContainerId)),
    };
}

public sealed record TenantLookup(string TenantId, TenantRecord? Current);
