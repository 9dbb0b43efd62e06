using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Functions.Apis;

/// <summary>A container as its pool recorded it.</summary>
public sealed record ContainerListItem(
    string Name, string? ContainerId, string PoolId, string WorkloadId, string HostId, string State, string? TenantId,
    ContainerEndpoints Endpoints, DateTimeOffset CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ClaimedAt)
{
    public static ContainerListItem From(ContainerRecord r) => new(
        r.Name, r.ContainerId, r.PoolId, r.WorkloadId, r.HostId, r.Status.ToString().ToLowerInvariant(), r.TenantId,
        PoolEndpoints.Parse(r.EndpointsJson), r.CreatedAt, r.ReadyAt, r.ClaimedAt);
}

/// <summary>A page of containers; pass "next" as ?after= for the following page (null: no more).</summary>
public sealed record ContainerPage(IReadOnlyList<ContainerListItem> Containers, string? Next);

/// <summary>
/// One container in detail: the pool's record (State null when only Docker knows it), Docker's view
/// (null when its host does not answer or it is gone), its health log, labels and volumes, and a
/// summary of its workload's spec.
/// </summary>
public sealed record ContainerDetail(
    string Name, string? ContainerId, string PoolId, string WorkloadId, string? HostId, string? State, string? TenantId,
    DateTimeOffset? CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ClaimedAt, ContainerEndpoints Endpoints,
    DockerView? Docker, IReadOnlyList<HealthProbe> HealthLog, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<ContainerVolume> Volumes, SpecSummary? Spec);

/// <summary>What Docker says now: its state word, whether it runs, its health, exit code and image.</summary>
public sealed record DockerView(string? State, bool Running, string Health, int? ExitCode, string? Image, DateTimeOffset CreatedAt)
{
    public static DockerView From(ContainerInfo info) =>
        new(info.State, info.Running, info.Health.ToString().ToLowerInvariant(), info.ExitCode, info.Image, info.CreatedAt);
}

/// <summary>A mount of the container, with the role its workload gives that path (state, secrets, config, comm; none for a plain volume).</summary>
public sealed record ContainerVolume(string Type, string? Name, string Destination, bool ReadOnly, string? Role)
{
    public static ContainerVolume From(ContainerMount mount, WorkloadSpec? spec) => new(
        mount.Type, mount.Name, mount.Destination, mount.ReadOnly,
        spec?.Volumes.FirstOrDefault(v => v.Target == mount.Destination)?.Role.ToString().ToLowerInvariant());
}

/// <summary>
/// The workload spec as far as it is safe to show: environment variable names only (values may come
/// from host settings through ${VAR}), never values, config or secrets.
/// </summary>
public sealed record SpecSummary(
    string Image, IReadOnlyList<string>? Command, IReadOnlyList<string>? Entrypoint, IReadOnlyList<string> EnvironmentNames,
    decimal CpuLimit, long MemoryLimitBytes, long PidsLimit, string User, bool ReadOnlyRootFilesystem, string NetworkMode,
    IReadOnlyList<PortSpec> Ports, IReadOnlyList<VolumeSpec> Volumes, bool HasHealthCheck, bool Syncs)
{
    public static SpecSummary From(WorkloadSpec spec) => new(
        spec.Image, spec.Command, spec.Entrypoint, [.. spec.Environment.Keys.Order(StringComparer.Ordinal)],
        spec.Resources.CpuLimit, spec.Resources.MemoryLimitBytes, spec.Resources.PidsLimit, spec.Security.User,
        spec.Security.ReadOnlyRootFilesystem, spec.NetworkMode, spec.Ports, spec.Volumes, spec.HealthCheck is not null, spec.Sync is not null);
}

/// <summary>
/// What a removal did: Released true when the container was held and its tenant's release finished
/// (SyncSkipped: ?save=false kept its state from being saved); false when it was removed at once.
/// </summary>
public sealed record ContainerRemovalResponse(string ContainerName, string PoolId, string? TenantId, string? InstanceId, bool Released, bool SyncSkipped);
