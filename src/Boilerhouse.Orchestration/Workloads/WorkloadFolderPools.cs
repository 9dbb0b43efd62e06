using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Core.Workloads.Parsing;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Workloads;

/// <summary>
/// Pools as entries of their workload's file: scaling edits the sizes in place; adding, replacing or
/// removing a pool rewrites the file's <c>pools</c> list. Each change is validated as a whole file,
/// written atomically and rolled out like any other change. The If-Match of a pool is its workload's ETag.
/// </summary>
public sealed partial class WorkloadFolder
{
    /// <summary>New pool sizes, written into the workload's file in place (comments kept) and effective at once.</summary>
    public Task<WorkloadChange> ScaleAsync(string poolId, int? minSize, int? maxSize, string? ifMatch, CancellationToken cancellationToken) =>
        ChangePoolsAsync(poolId, ifMatch, cancellationToken, async existing =>
        {
            var yaml = PoolSizeEdit.Apply(existing.Yaml, minSize, maxSize, existing.Spec.Pools.Count > 0 ? poolId : null);
            var change = await WriteParsedLockedAsync(existing, yaml, cancellationToken);
            if (change.Workload?.Spec.PoolViews().FirstOrDefault(p => p.Id == poolId)?.Pool is { } sizes)
            {
                logger.LogInformation("Pool {PoolId} scaled to min_size {MinSize}, max_size {MaxSize} ({File})", poolId, sizes.MinSize, sizes.MaxSize, existing.File);
            }

            return change;
        });

    /// <summary>Adds <paramref name="pool"/> to workload <paramref name="workloadId"/>; a single <c>pool</c> block becomes the first entry of the list.</summary>
    public async Task<WorkloadChange> AddPoolAsync(string workloadId, WorkloadPool pool, string? ifMatch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_set.Find(workloadId) is not { } existing)
            {
                return NotFound(workloadId);
            }

            if (_set.FindByPool(pool.Id) is { } owner)
            {
                return WorkloadChange.Refused(WorkloadErrorCodes.PoolExists,
                    $"Pool '{pool.Id}' already exists (workload '{owner.Spec.Id}'); PUT /api/v1/pools/{pool.Id} changes it.");
            }

            return !Matches(ifMatch, existing.ETag)
                ? Stale(workloadId)
                : await WriteParsedLockedAsync(existing, PoolsEdit.Write(existing.Yaml, [.. Declared(existing.Spec), pool]), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces the declaration of pool <paramref name="pool"/>.Id (sizes, idle timeout, placement) in its workload's file.</summary>
    public Task<WorkloadChange> ReplacePoolAsync(WorkloadPool pool, string? ifMatch, CancellationToken cancellationToken) =>
        ChangePoolsAsync(pool.Id, ifMatch, cancellationToken, existing => WriteParsedLockedAsync(
            existing, PoolsEdit.Write(existing.Yaml, [.. Declared(existing.Spec).Select(p => p.Id == pool.Id ? pool : p)]), cancellationToken));

    /// <summary>
    /// Removes pool <paramref name="poolId"/> from its workload's file (its warm containers go). Tenants
    /// holding its containers refuse it unless <paramref name="force"/>; a workload's only pool is never removed.
    /// </summary>
    public Task<WorkloadChange> DeletePoolAsync(string poolId, string? ifMatch, bool force, CancellationToken cancellationToken) =>
        ChangePoolsAsync(poolId, ifMatch, cancellationToken, async existing =>
        {
            var declared = Declared(existing.Spec);
            if (declared.Count == 1)
            {
                return WorkloadChange.Refused(WorkloadErrorCodes.LastPool,
                    $"Pool '{poolId}' is the only pool of workload '{existing.Spec.Id}'; DELETE /api/v1/workloads/{existing.Spec.Id} removes both.");
            }

            if (await ReleaseHoldersAsync(() => ClaimedTenantsAsync(poolId), force, WorkloadErrorCodes.PoolInUse, $"pool '{poolId}'") is { } refused)
            {
                return refused;
            }

            return await WriteParsedLockedAsync(existing, PoolsEdit.Write(existing.Yaml, [.. declared.Where(p => p.Id != poolId)]), cancellationToken);
        });

    /// <summary>Runs <paramref name="change"/> on the workload that has pool <paramref name="poolId"/>, one change at a time, after the If-Match check.</summary>
    private async Task<WorkloadChange> ChangePoolsAsync(string poolId, string? ifMatch, CancellationToken cancellationToken, Func<LoadedWorkload, Task<WorkloadChange>> change)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_set.FindByPool(poolId) is not { } existing)
            {
                return PoolNotFound(poolId);
            }

            return Matches(ifMatch, existing.ETag) ? await change(existing) : Stale(existing.Spec.Id);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Validates the edited text as a whole file, then writes it over <paramref name="existing"/> and rolls it out.</summary>
    private async Task<WorkloadChange> WriteParsedLockedAsync(LoadedWorkload existing, string yaml, CancellationToken cancellationToken)
    {
        var parsed = WorkloadParser.Parse(yaml, existing.File, start.Policy);
        if (!parsed.IsValid)
        {
            return Invalid(parsed.Errors);
        }

        if (PoolTakenElsewhere(parsed.Spec) is { } taken)
        {
            return taken;
        }

        await WorkloadFiles.WriteAtomicallyAsync(existing.File, yaml, cancellationToken);
        logger.LogInformation("Workload {WorkloadId} pools written to {File} through the API", existing.Spec.Id, existing.File);
        await ReloadLockedAsync();
        return WorkloadChange.Done(_set.Find(existing.Spec.Id));
    }

    /// <summary>The pools as the file declares them: a single <c>pool</c> block is one pool named after the workload, with its placement.</summary>
    private static IReadOnlyList<WorkloadPool> Declared(WorkloadSpec spec) =>
        spec.Pools.Count > 0 ? spec.Pools : [new WorkloadPool(spec.Id, spec.Pool)];
}
