using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Release step 1: marks the tenant releasing; its checkpoint names the container, so a resumed release finishes the same one.</summary>
public sealed class MarkReleasingActivity(TenantStore tenants) : Activity<ReleaseStart, ReleaseTarget>
{
    public override string Name => "MarkReleasing";

    public override AssignmentWrite? WritesAssignment(ReleaseStart input) => AssignmentWrite.Unknown;

    public override Task<ReleaseTarget> RunAsync(ReleaseStart input, CancellationToken cancellationToken) =>
        tenants.MarkReleasingAsync(input.TenantId, input.InstanceId, cancellationToken);
}

public sealed record ReleaseStart(string TenantId, string InstanceId);
