using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Release's last step: the tenant holds nothing any more.</summary>
public sealed class ClearAssignmentActivity(TenantStore tenants) : Activity<string, bool>
{
    public override string Name => "ClearAssignment";

    public override AssignmentWrite? WritesAssignment(string input) => AssignmentWrite.To(null);

    public override async Task<bool> RunAsync(string input, CancellationToken cancellationToken)
    {
        await tenants.ClearAsync(input, cancellationToken);
        return true;
    }
}
