using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Core.Workloads.Parsing;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Workloads;

/// <summary>
/// The workload files as the source of truth, live: reloads the folder (after a hand edit, a git
/// checkout or an API write), swaps the catalog every part of the host reads, and tells each pool
/// whose workload changed. API writes are validated as at start-up and written atomically; changes
/// and reloads run one at a time.
/// </summary>
public sealed partial class WorkloadFolder(WorkloadFolderStart start, WorkloadCatalog catalog, IGrainFactory grains, ILogger<WorkloadFolder> logger)
{
    private const string ForcedReleaseReason = "workload or pool deleted with ?force=true";
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(120);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private WorkloadSet _set = start.Initial;

    /// <summary>What runs now, with the errors of the files that did not load.</summary>
    public WorkloadSet Current => _set;

    public string Directory => start.Directory;

    /// <summary>Start-up: the folder as it is, before any grain runs.</summary>
    public static WorkloadSet ReadInitial(string directory, WorkloadPolicy policy)
    {
        var (sources, errors) = WorkloadFiles.Read(directory);
        return WorkloadReload.Merge(WorkloadSet.Empty, sources, policy, _ => false, errors);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadLockedAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Creates (<paramref name="routeId"/> null) or replaces a workload with <paramref name="yaml"/>.
    /// An invalid text, a wrong id or a stale <paramref name="ifMatch"/> changes nothing.
    /// </summary>
    public async Task<WorkloadChange> WriteAsync(string? routeId, string yaml, string? ifMatch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var existing = routeId is null ? null : _set.Find(routeId);
            var target = existing?.File ?? Path.Combine(Path.GetFullPath(start.Directory), $"{routeId ?? "new"}.yaml");
            var parsed = WorkloadParser.Parse(yaml, target, start.Policy);
            if (!parsed.IsValid)
            {
                return Invalid(parsed.Errors);
            }

            var id = parsed.Spec.Id;
            if (routeId is null)
            {
                target = Path.Combine(Path.GetFullPath(start.Directory), $"{id}.yaml");
                if (_set.Find(id) is { } taken)
                {
                    return WorkloadChange.Refused(WorkloadErrorCodes.WorkloadExists, $"Workload '{id}' already exists ({taken.File}); PUT /api/v1/workloads/{id} replaces it.");
                }

                if (File.Exists(target))
                {
                    return WorkloadChange.Refused(WorkloadErrorCodes.WorkloadExists, $"The file '{target}' already exists (it does not load: see GET /api/v1/workloads); PUT /api/v1/workloads/{id} replaces it.");
                }
            }
            else
            {
                if (id != routeId)
                {
                    return Invalid([new WorkloadError(target, null, "x-boilerhouse.id",
                        $"must be '{routeId}' as in the URL, found '{id}'; to rename a workload, create the new id and delete the old one")]);
                }

                if (existing is null && !File.Exists(target))
                {
                    return NotFound(routeId);
                }

                if (!Matches(ifMatch, existing?.ETag ?? LoadedWorkload.Tag(await File.ReadAllTextAsync(target, cancellationToken))))
                {
                    return Stale(routeId);
                }
            }

            if (PoolTakenElsewhere(parsed.Spec) is { } poolTaken)
            {
                return poolTaken;
            }

            await WorkloadFiles.WriteAtomicallyAsync(target, yaml, cancellationToken);
            logger.LogInformation("Workload {WorkloadId} written to {File} through the API", id, target);
            await ReloadLockedAsync();
            return WorkloadChange.Done(_set.Find(id));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Removes the workload's file and its pool's containers. Tenants holding containers refuse it
    /// unless <paramref name="force"/>: then each is released first, its state saved as any release does.
    /// </summary>
    public async Task<WorkloadChange> DeleteAsync(string id, string? ifMatch, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_set.Find(id) is not { } existing)
            {
                return NotFound(id);
            }

            if (!Matches(ifMatch, existing.ETag))
            {
                return Stale(id);
            }

            if (await ReleaseHoldersAsync(() => ClaimedTenantsAsync(existing.Spec), force, WorkloadErrorCodes.WorkloadInUse, $"workload '{id}'") is { } refused)
            {
                return refused;
            }

            File.Delete(existing.File);
            logger.LogInformation("Workload {WorkloadId} deleted through the API ({File})", id, existing.File);
            await ReloadLockedAsync();
            return WorkloadChange.Done(null);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReloadLockedAsync()
    {
        var (sources, folderErrors) = WorkloadFiles.Read(start.Directory);
        var previous = _set;
        var next = WorkloadReload.Merge(previous, sources, start.Policy, _ => false, folderErrors);
        // Pools that would stop: those tenants still hold keep running until released (merged again, rarely).
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        foreach (var removed in PoolIds(previous).Except(PoolIds(next), StringComparer.Ordinal))
        {
            if ((await ClaimedTenantsAsync(removed)).Count > 0)
            {
                inUse.Add(removed);
            }
        }

        if (inUse.Count > 0)
        {
            next = WorkloadReload.Merge(previous, sources, start.Policy, inUse.Contains, folderErrors);
        }

        _set = next;
        catalog.Replace(next.ToCatalog());
        var known = previous.Errors.Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var error in next.Errors.Where(e => !known.Contains(e.ToString())))
        {
            logger.LogWarning("Workload file error (the last good version, if any, keeps running): {Error}", error.ToString());
        }

        await RollOutAsync(previous, next);
    }

    /// <summary>Tells every pool that was added, changed or removed (a pool changes with its workload's file).</summary>
    private async Task RollOutAsync(WorkloadSet previous, WorkloadSet next)
    {
        var ids = PoolIds(previous).Union(PoolIds(next), StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var before = Owner(previous, id);
            var after = Owner(next, id);
            if (before?.ETag == after?.ETag && before?.File == after?.File)
            {
                continue;
            }

            logger.LogInformation("Pool {PoolId} of workload {WorkloadId} {Change}", id, (after ?? before)!.Spec.Id,
                before is null ? "added" : after is null ? "removed" : "changed");
            try
            {
                await grains.GetGrain<IPoolGrain>(id).SpecChangedAsync();
            }
            catch (Exception ex) when (after is null)
            {
                // A removed pool that was not active has nothing in memory; orphan reaping removes its containers by label.
                logger.LogDebug(ex, "Removed pool {PoolId} was not active", id);
            }
        }
    }

    private static IEnumerable<string> PoolIds(WorkloadSet set) => set.RunningPools().Select(r => r.Pool.Id);

    private static LoadedWorkload? Owner(WorkloadSet set, string poolId) => set.RunningPools().FirstOrDefault(r => r.Pool.Id == poolId)?.Owner;

    /// <summary>
    /// Null when no tenant holds a container (any more): with <paramref name="force"/> each holder is
    /// released first, its state saved as any release does; otherwise the refusal names them.
    /// </summary>
    private async Task<WorkloadChange?> ReleaseHoldersAsync(Func<Task<List<string>>> holders, bool force, string code, string what)
    {
        var tenants = await holders();
        if (tenants.Count == 0)
        {
            return null;
        }

        if (!force)
        {
            return WorkloadChange.Refused(code,
                $"Tenants hold containers of {what} ({string.Join(", ", tenants)}); release them first, or DELETE with ?force=true to release them (their state is saved).");
        }

        await Task.WhenAll(tenants.Select(ReleaseAsync));
        var left = await holders();
        return left.Count == 0 ? null : WorkloadChange.Refused(code,
            $"The release of {string.Join(", ", left)} did not finish (see their status); nothing was deleted, try again.");
    }

    /// <summary>A pool id of <paramref name="spec"/> that another workload already has: writing it would make one of the two files not load.</summary>
    private WorkloadChange? PoolTakenElsewhere(WorkloadSpec spec) =>
        spec.PoolViews().Select(p => (p.Id, Owner: _set.FindByPool(p.Id))).FirstOrDefault(t => t.Owner is not null && t.Owner.Spec.Id != spec.Id) is { Owner: { } owner } taken
            ? WorkloadChange.Refused(WorkloadErrorCodes.PoolExists,
                $"Pool '{taken.Id}' already belongs to workload '{owner.Spec.Id}' ({owner.File}); pool ids are unique across workloads, choose another id.")
            : null;

    /// <summary>Tenants holding containers of any pool of the workload, retained pools included.</summary>
    private async Task<List<string>> ClaimedTenantsAsync(WorkloadSpec workload)
    {
        var tenants = new List<string>();
        foreach (var pool in _set.RunningPools().Where(r => r.Owner.Spec.Id == workload.Id))
        {
            tenants.AddRange(await ClaimedTenantsAsync(pool.Pool.Id));
        }

        return [.. tenants.Distinct()];
    }

    private async Task<List<string>> ClaimedTenantsAsync(string poolId)
    {
        if (!catalog.TryGet(poolId, out _))
        {
            return [];
        }

        var snapshot = await grains.GetGrain<IPoolGrain>(poolId).GetSnapshotAsync();
        return [.. snapshot.Containers.Where(c => c.Status == ContainerStatus.Claimed && c.TenantId is not null).Select(c => c.TenantId!).Distinct()];
    }

    private async Task ReleaseAsync(string tenantId)
    {
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.StartReleaseAsync(InstanceIds.New(), new ReleaseOptions(Reason: ForcedReleaseReason), ReleaseWait);
    }

    /// <summary>No If-Match: last writer wins. <c>*</c> matches any current version.</summary>
    private static bool Matches(string? ifMatch, string etag) =>
        string.IsNullOrEmpty(ifMatch) || ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);

    private static WorkloadChange Invalid(IReadOnlyList<WorkloadError> errors) =>
        WorkloadChange.Refused(ErrorCodes.InvalidWorkloadSpec, "The workload is invalid; nothing was changed. " + string.Join("; ", errors.Select(e => e.ToString())), errors);

    private static WorkloadChange PoolNotFound(string id) =>
        WorkloadChange.Refused(ErrorCodes.PoolNotFound, $"Pool '{id}' does not exist.");

    private static WorkloadChange NotFound(string id) =>
        WorkloadChange.Refused(WorkloadErrorCodes.WorkloadNotFound, $"Workload '{id}' does not exist.");

    private static WorkloadChange Stale(string id) =>
        WorkloadChange.Refused(WorkloadErrorCodes.PreconditionFailed,
            $"Workload '{id}' changed since you read it (If-Match does not match its ETag); GET it again and reapply your change.");
}
