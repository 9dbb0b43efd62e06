using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Claim step 1: one container per tenant. A tenant that holds one of this pool gets it back;
/// another pool, or a tenant still busy, is refused. Decided on the tenant grain's own copy of the
/// assignment, so a repeated claim reads nothing from the database.
/// </summary>
public sealed class CheckTenantActivity : Activity<TenantCheck, ClaimResult?>
{
    public override string Name => "CheckTenant";

    // It reads only the assignment it is given; the take that follows stores its checkpoint with its own.
    public override bool CheckpointAtOnce => false;

    public override Task<ClaimResult?> RunAsync(TenantCheck input, CancellationToken cancellationToken) => Task.FromResult(Check(input));

    private static ClaimResult? Check(TenantCheck input)
    {
        if (input.Current is not { Status: not TenantStatus.Lost } current)
        {
            return null;
        }

        if (current.PoolId != input.PoolId)
        {
            throw new BoilerhouseException(ErrorCodes.TenantAlreadyClaimed,
                $"Tenant '{input.TenantId}' already holds a container of pool '{current.PoolId}'; release it before claiming from '{input.PoolId}'.");
        }

        if (current.Status != TenantStatus.Claimed)
        {
            throw new BoilerhouseException(ErrorCodes.TenantBusy, $"Tenant '{input.TenantId}' is {current.Status.ToString().ToLowerInvariant()}; claim again when it is done.");
        }

        return new ClaimResult(input.TenantId, current.PoolId, current.ContainerId, current.ContainerName,
            PoolEndpoints.Parse(current.EndpointsJson), current.ClaimedAt, Existing: true);
    }
}

/// <summary>A claim of <see cref="PoolId"/> by a tenant whose assignment is <see cref="Current"/> (null: none).</summary>
public sealed record TenantCheck(string TenantId, string PoolId, TenantRecord? Current);
