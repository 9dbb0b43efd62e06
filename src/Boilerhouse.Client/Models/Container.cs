using System.Text.Json;

namespace Boilerhouse.Client.Models;

/// <summary>A container as its pool recorded it.</summary>
/// <param name="Name">Its container name.</param>
/// <param name="ContainerId">Its Docker id, once created.</param>
/// <param name="PoolId">Its pool.</param>
/// <param name="WorkloadId">Its workload.</param>
/// <param name="HostId">Its Docker host.</param>
/// <param name="State"><c>starting</c>, <c>warm</c>, <c>claimed</c>, <c>unhealthy</c> or <c>removing</c>.</param>
/// <param name="TenantId">The tenant holding it.</param>
/// <param name="Endpoints">How to reach it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ReadyAt">When it became warm.</param>
/// <param name="ClaimedAt">When it was claimed.</param>
public sealed record ContainerSummary(
    string Name, string? ContainerId, string PoolId, string WorkloadId, string HostId, string State, string? TenantId,
    ContainerEndpoints Endpoints, DateTimeOffset CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ClaimedAt);

/// <summary>Filters for the containers list; every one is optional.</summary>
public sealed record ContainerQuery
{
    /// <summary>Only this pool's containers.</summary>
    public string? PoolId { get; init; }

    /// <summary>Only containers on this Docker host.</summary>
    public string? HostId { get; init; }

    /// <summary>Only containers in this state: <c>starting</c>, <c>warm</c>, <c>claimed</c>, <c>unhealthy</c> or <c>removing</c>.</summary>
    public string? State { get; init; }

    /// <summary>Only the container this tenant holds.</summary>
    public string? TenantId { get; init; }

    /// <summary>Containers per page (1-500, default 100).</summary>
    public int? PageSize { get; init; }
}

internal sealed record ContainerPage(IReadOnlyList<ContainerSummary> Containers, string? Next);

/// <summary>One container in detail: its pool's record, Docker's view, health log, labels, volumes and its workload's spec (never values of environment variables or secrets).</summary>
/// <param name="Name">Its name.</param>
/// <param name="ContainerId">Its Docker id.</param>
/// <param name="PoolId">Its pool.</param>
/// <param name="WorkloadId">Its workload.</param>
/// <param name="HostId">Its Docker host.</param>
/// <param name="State">Its state in the pool; null when only Docker knows it.</param>
/// <param name="TenantId">The tenant holding it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ReadyAt">When it became warm.</param>
/// <param name="ClaimedAt">When it was claimed.</param>
/// <param name="Endpoints">How to reach it.</param>
/// <param name="Docker">What Docker says now; null when its host does not answer or it is gone.</param>
/// <param name="HealthLog">Docker's latest health probes.</param>
/// <param name="Labels">Its Docker labels.</param>
/// <param name="Volumes">Its mounts, with the role its workload gives each.</param>
/// <param name="Spec">A summary of its workload's spec (fields as the API names them).</param>
public sealed record ContainerDetail(
    string Name, string? ContainerId, string PoolId, string WorkloadId, string? HostId, string? State, string? TenantId,
    DateTimeOffset? CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ClaimedAt, ContainerEndpoints Endpoints,
    DockerView? Docker, IReadOnlyList<HealthProbe> HealthLog, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<ContainerVolume> Volumes, JsonElement? Spec);

/// <summary>Docker's view of a container.</summary>
/// <param name="State">Docker's state word (<c>running</c>, <c>exited</c>, ...).</param>
/// <param name="Running">True while it runs.</param>
/// <param name="Health"><c>healthy</c>, <c>unhealthy</c>, <c>starting</c> or <c>none</c>.</param>
/// <param name="ExitCode">Its exit code once it stopped.</param>
/// <param name="Image">Its image.</param>
/// <param name="CreatedAt">When Docker created it.</param>
public sealed record DockerView(string? State, bool Running, string Health, int? ExitCode, string? Image, DateTimeOffset CreatedAt);

/// <summary>One run of a container's health check.</summary>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended.</param>
/// <param name="ExitCode">Its exit code (0 is healthy).</param>
/// <param name="Output">What it printed.</param>
public sealed record HealthProbe(DateTimeOffset Start, DateTimeOffset End, long ExitCode, string Output);

/// <summary>A mount of a container.</summary>
/// <param name="Type"><c>volume</c>, <c>bind</c> or <c>tmpfs</c>.</param>
/// <param name="Name">The volume's name.</param>
/// <param name="Destination">Where it is mounted.</param>
/// <param name="ReadOnly">True when mounted read-only.</param>
/// <param name="Role"><c>state</c>, <c>secrets</c>, <c>config</c>, <c>comm</c>, or null for a plain volume.</param>
public sealed record ContainerVolume(string Type, string? Name, string Destination, bool ReadOnly, string? Role);

/// <summary>What a container removal did.</summary>
/// <param name="ContainerName">The container.</param>
/// <param name="PoolId">Its pool.</param>
/// <param name="TenantId">The tenant that held it, released first.</param>
/// <param name="InstanceId">That tenant's release orchestration.</param>
/// <param name="Released">True when the container was held and its tenant was released; false when it was removed at once.</param>
/// <param name="SyncSkipped">True when the release did not save the tenant's state (<c>save: false</c>).</param>
public sealed record ContainerRemoval(string? ContainerName, string? PoolId, string? TenantId, string? InstanceId, bool Released, bool SyncSkipped);

/// <summary>The last lines of a container's log.</summary>
/// <param name="Text">The lines, stdout and stderr interleaved.</param>
/// <param name="Truncated">True when the oldest lines were dropped to keep the answer within 1 MiB.</param>
public sealed record ContainerLogs(string Text, bool Truncated);

/// <summary>One line of a followed container log.</summary>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line.</param>
public sealed record ContainerLogLine(string Stream, string Text);
