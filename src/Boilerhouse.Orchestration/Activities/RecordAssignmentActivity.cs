using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Claim's last step: records that the tenant holds its container (an idempotent upsert).</summary>
public sealed class RecordAssignmentActivity(TenantStore tenants) : Activity<TenantRecord, bool>
{
    public override string Name => "RecordAssignment";

    public override AssignmentWrite? WritesAssignment(TenantRecord input) => AssignmentWrite.To(input);

    // An upsert of its input: after a crash the resumed claim writes the same row again, so its checkpoint can wait for the instance's end.
    public override bool CheckpointAtOnce => false;

    public override async Task<bool> RunAsync(TenantRecord input, CancellationToken cancellationToken)
    {
        await tenants.SaveAsync(input, cancellationToken);
        return true;
    }
}
