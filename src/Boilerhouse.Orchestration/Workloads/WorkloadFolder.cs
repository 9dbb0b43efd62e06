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
public sealed class WorkloadFolder(WorkloadFolderStart start, WorkloadCatalog catalog, IGrainFactory grains, ILogger<WorkloadFolder> logger)
{
    private const string ForcedReleaseReason = "workload deleted with ?force=true";
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

    /// <summary>New pool sizes, written into the workload's file in place (comments kept) and effective at once.</summary>
    public async Task<WorkloadChange> ScaleAsync(string id, int? minSize, int? maxSize, string? ifMatch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_set.Find(id) is not { } existing)
            {
                return WorkloadChange.Refused(ErrorCodes.PoolNotFound, $"Pool '{id}' does not exist.");
            }

            if (!Matches(ifMatch, existing.ETag))
            {
                return Stale(id);
            }

            var yaml = PoolSizeEdit.Apply(existing.Yaml, minSize, maxSize);
            var parsed = WorkloadParser.Parse(yaml, existing.File, start.Policy);
            if (!parsed.IsValid)
            {
                return Invalid(parsed.Errors);
            }

            await WorkloadFiles.WriteAtomicallyAsync(existing.File, yaml, cancellationToken);
            logger.LogInformation("Pool {PoolId} scaled to min_size {MinSize}, max_size {MaxSize} ({File})", id, parsed.Spec.Pool.MinSize, parsed.Spec.Pool.MaxSize, existing.File);
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

            var tenants = await ClaimedTenantsAsync(id);
            if (tenants.Count > 0 && !force)
            {
                return WorkloadChange.Refused(WorkloadErrorCodes.WorkloadInUse,
                    $"Tenants hold containers of workload '{id}' ({string.Join(", ", tenants)}); release them first, or DELETE with ?force=true to release them (their state is saved).");
            }

            if (tenants.Count > 0)
            {
                await Task.WhenAll(tenants.Select(ReleaseAsync));
                var left = await ClaimedTenantsAsync(id);
                if (left.Count > 0)
                {
                    return WorkloadChange.Refused(WorkloadErrorCodes.WorkloadInUse,
                        $"The release of {string.Join(", ", left)} did not finish (see their status); nothing was deleted, try again.");
                }
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
        var present = sources.Select(s => s.File).ToHashSet(StringComparer.Ordinal);
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gone in previous.Loaded.Where(w => !present.Contains(w.File)))
        {
            if ((await ClaimedTenantsAsync(gone.Spec.Id)).Count > 0)
            {
                inUse.Add(gone.Spec.Id);
            }
        }

        var next = WorkloadReload.Merge(previous, sources, start.Policy, inUse.Contains, folderErrors);
        _set = next;
        catalog.Replace(next.ToCatalog());
        var known = previous.Errors.Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var error in next.Errors.Where(e => !known.Contains(e.ToString())))
        {
            logger.LogWarning("Workload file error (the last good version, if any, keeps running): {Error}", error.ToString());
        }

        await RollOutAsync(previous, next);
    }

    /// <summary>Tells the pool of every workload that was added, changed or removed.</summary>
    private async Task RollOutAsync(WorkloadSet previous, WorkloadSet next)
    {
        var ids = previous.Loaded.Select(w => w.Spec.Id).Union(next.Loaded.Select(w => w.Spec.Id), StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var before = previous.Find(id);
            var after = next.Find(id);
            if (before?.ETag == after?.ETag && before?.File == after?.File)
            {
                continue;
            }

            logger.LogInformation("Workload {WorkloadId} {Change}", id, before is null ? "added" : after is null ? "removed" : "changed");
            try
            {
                await grains.GetGrain<IPoolGrain>(id).SpecChangedAsync();
            }
            catch (Exception ex) when (after is null)
            {
                // A removed workload whose pool was not active has nothing in memory; orphan reaping removes its containers by label.
                logger.LogDebug(ex, "Pool {PoolId} of a removed workload was not active", id);
            }
        }
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
        if (await tenant.StartReleaseAsync(InstanceIds.New(), new ReleaseOptions(Reason: ForcedReleaseReason)) is { } started && !started.IsFinished)
        {
            await tenant.WaitAsync(started.InstanceId, ReleaseWait);
        }
    }

    /// <summary>No If-Match: last writer wins. <c>*</c> matches any current version.</summary>
    private static bool Matches(string? ifMatch, string etag) =>
        string.IsNullOrEmpty(ifMatch) || ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag);

    private static WorkloadChange Invalid(IReadOnlyList<WorkloadError> errors) =>
        WorkloadChange.Refused(ErrorCodes.InvalidWorkloadSpec, "The workload is invalid; nothing was changed. " + string.Join("; ", errors.Select(e => e.ToString())), errors);

    private static WorkloadChange NotFound(string id) =>
        WorkloadChange.Refused(WorkloadErrorCodes.WorkloadNotFound, $"Workload '{id}' does not exist.");

    private static WorkloadChange Stale(string id) =>
        WorkloadChange.Refused(WorkloadErrorCodes.PreconditionFailed,
            $"Workload '{id}' changed since you read it (If-Match does not match its ETag); GET it again and reapply your change.");
}
