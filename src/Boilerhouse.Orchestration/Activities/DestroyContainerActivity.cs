namespace Boilerhouse.Orchestration.Activities;

/// <summary>Release step: removes the tenant's container and volumes once its state is saved.</summary>
public sealed class DestroyContainerActivity(ContainerDestroyer destroyer) : Activity<ContainerToDestroy, bool>
{
    // The class's former name, as stored in existing histories.
    public override string Name => "DestroyContainerActivity";

    public override async Task<bool> RunAsync(ContainerToDestroy input, CancellationToken cancellationToken)
    {
        await destroyer.DestroyAsync(input.PoolId, input.ContainerName, cancellationToken);
        return true;
    }
}

/// <summary>Claim's compensation: a claim that failed after its take destroys the container, so nothing stays half-claimed.</summary>
public sealed class CompensateDestroyContainerActivity(ContainerDestroyer destroyer) : Activity<ContainerToDestroy, bool>
{
    public override string Name => "CompensateDestroyContainer";

    public override async Task<bool> RunAsync(ContainerToDestroy input, CancellationToken cancellationToken)
    {
        await destroyer.DestroyAsync(input.PoolId, input.ContainerName, cancellationToken);
        return true;
    }
}

public sealed record ContainerToDestroy(string PoolId, string ContainerName);
