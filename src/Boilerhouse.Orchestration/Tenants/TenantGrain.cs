using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tenants;

public sealed class TenantGrain(
    OrchestrationRunner runner,
    ClaimOrchestration claim,
    ReleaseOrchestration release,
    AssignmentActivity assignments) : Grain, ITenantGrain
{
    private TenantRecord? _assignment;
    private string? _lastInstanceId;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _assignment = await assignments.LoadAsync(TenantId, cancellationToken);

    public async Task<TenantCallResult<ClaimResult>> ClaimAsync(ClaimCommand command)
    {
        if (_assignment is { } current)
        {
            if (current.PoolId != command.PoolId)
            {
                return TenantCallResult<ClaimResult>.Fail(ErrorCodes.TenantAlreadyClaimed,
                    $"Tenant '{TenantId}' already holds a container of pool '{current.PoolId}'; release it before claiming from '{command.PoolId}'.");
            }

            if (current.Status == TenantStatus.Releasing)
            {
                return TenantCallResult<ClaimResult>.Fail(ErrorCodes.TenantBusy, $"Tenant '{TenantId}' is being released; claim again when it is done.");
            }

            // One container per tenant: a repeated claim answers with the container it already has.
            var existing = new ClaimResult(TenantId, current.PoolId, current.ContainerId, current.ContainerName,
                Pools.PoolEndpoints.Parse(current.EndpointsJson), current.ClaimedAt);
            return new TenantCallResult<ClaimResult>(current.LastInstanceId, existing, null, null, Existing: true);
        }

        var start = new OrchestrationStart(OrchestrationRunner.NewInstanceId(), ClaimOrchestration.Name, TenantId, command.PoolId,
            JsonSerializer.Serialize(command.Redacted(), JsonDefaults.Options));
        _lastInstanceId = start.InstanceId;
        var outcome = await runner.RunAsync(start, (ctx, ct) => claim.RunAsync(ctx, command, ct), CancellationToken.None);
        if (outcome.Succeeded)
        {
            _assignment = await assignments.LoadAsync(TenantId, CancellationToken.None);
        }

        return new TenantCallResult<ClaimResult>(outcome.InstanceId, outcome.Output, outcome.ErrorCode, outcome.ErrorMessage);
    }

    public async Task<TenantCallResult<ReleaseResult>> ReleaseAsync()
    {
        if (_assignment is not { } current)
        {
            return TenantCallResult<ReleaseResult>.Fail(ErrorCodes.TenantNotFound, $"Tenant '{TenantId}' holds no container.");
        }

        var start = new OrchestrationStart(OrchestrationRunner.NewInstanceId(), ReleaseOrchestration.Name, TenantId, current.PoolId,
            JsonSerializer.Serialize(new { TenantId, current.PoolId, current.ContainerId }, JsonDefaults.Options));
        _lastInstanceId = start.InstanceId;
        var outcome = await runner.RunAsync(start, (ctx, ct) => release.RunAsync(ctx, current, ct), CancellationToken.None);
        _assignment = await assignments.LoadAsync(TenantId, CancellationToken.None);
        return new TenantCallResult<ReleaseResult>(outcome.InstanceId, outcome.Output, outcome.ErrorCode, outcome.ErrorMessage);
    }

    public Task<TenantState> GetStateAsync() => Task.FromResult(TenantState.From(TenantId, _assignment, _lastInstanceId));
}
