using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>The containers of this installation as their pools recorded them, page after page as the enumeration goes on (operators).</summary>
    /// <exception cref="BoilerhouseRequestException"><c>INVALID_REQUEST</c> for an unknown state, <c>INVALID_ID</c>.</exception>
    public async IAsyncEnumerable<ContainerSummary> GetContainersAsync(
        ContainerQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new ContainerQuery();
        string? after = null;
        do
        {
            var page = await GetAsync<ContainerPage>("api/v1/containers" + Query(
                ("poolId", query.PoolId), ("hostId", query.HostId), ("state", query.State), ("tenantId", query.TenantId),
                ("limit", query.PageSize), ("after", after)), cancellationToken);
            foreach (var container in page.Containers)
            {
                yield return container;
            }

            after = page.Next;
        }
        while (after is not null);
    }

    /// <summary>One container, by Docker id (full or short) or name: its record, Docker's view, health log, labels, volumes and workload.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_NOT_FOUND</c> when it is not a container of this installation.</exception>
    public Task<ContainerDetail> GetContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        GetAsync<ContainerDetail>($"api/v1/containers/{Segment(containerId)}", cancellationToken);

    /// <summary>
    /// Force-removes a container and returns when it is gone. One a tenant holds is released first:
    /// its state is saved unless <paramref name="saveState"/> is false, and the call follows that release until it finished.
    /// </summary>
    /// <remarks>Not retried after a dropped connection: a repeat of a removal that happened would answer <c>CONTAINER_NOT_FOUND</c>.</remarks>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_NOT_FOUND</c>, <c>TENANT_BUSY</c>, or the release's failure (e.g. <c>SYNC_FAILED</c>, with its instance id).</exception>
    public async Task<ContainerRemoval> RemoveContainerAsync(string containerId, bool saveState = true, CancellationToken cancellationToken = default)
    {
        var waitMs = (int)Math.Clamp(_options.StarterWait.TotalMilliseconds, 0, 60_000);
        var path = $"api/v1/containers/{Segment(containerId)}" + Query(("save", saveState ? "true" : "false"), ("waitMs", waitMs));
        StartedInstance started;
        using (var response = await _sender.SendAsync(_ => new HttpRequestMessage(HttpMethod.Delete, path), repeatable: false, cancellationToken))
        {
            if (!IsAccepted(response))
            {
                return await ClientJson.ReadAsync<ContainerRemoval>(response, cancellationToken);
            }

            started = await ClientJson.ReadAsync<StartedInstance>(response, cancellationToken);
        }

        var release = await WaitForOrchestrationAsync(new Uri(started.StatusQueryGetUri, UriKind.RelativeOrAbsolute), cancellationToken);
        if (release.RuntimeStatus != "Completed")
        {
            throw new BoilerhouseRequestException((int)HttpStatusCode.InternalServerError, release.Error?.Code ?? release.RuntimeStatus.ToUpperInvariant(),
                release.Error?.Message ?? $"The release of container '{containerId}' ended {release.RuntimeStatus}.", instanceId: release.InstanceId);
        }

        var skipped = release.Output is { ValueKind: JsonValueKind.Object } output
            && output.TryGetProperty("syncSkipped", out var value) && value.ValueKind == JsonValueKind.True;
        return new ContainerRemoval(containerId, release.PoolId, release.TenantId, release.InstanceId, Released: true, SyncSkipped: skipped);
    }

    /// <summary>The last <paramref name="tail"/> lines (0-10000, default 100) of a container's log, stdout and stderr interleaved, at most 1 MiB (the newest kept).</summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_NOT_FOUND</c>, <c>INVALID_REQUEST</c> for a tail out of range.</exception>
    public async Task<ContainerLogs> GetContainerLogsAsync(string containerId, int? tail = null, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/containers/{Segment(containerId)}/logs" + Query(("tail", tail), ("follow", "false"));
        using var response = await _sender.SendAsync(_ => new HttpRequestMessage(HttpMethod.Get, path), repeatable: true, cancellationToken);
        var truncated = response.Headers.TryGetValues("Boilerhouse-Logs-Truncated", out var values) && values.Contains("true");
        return new ContainerLogs(await response.Content.ReadAsStringAsync(cancellationToken), truncated);
    }

    /// <summary>
    /// A container's log as it is written: the last <paramref name="tail"/> lines first, then every new
    /// line, until the container stops or <paramref name="cancellationToken"/> ends the enumeration.
    /// </summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_NOT_FOUND</c>.</exception>
    public async IAsyncEnumerable<ContainerLogLine> FollowContainerLogsAsync(
        string containerId, int? tail = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/containers/{Segment(containerId)}/logs" + Query(("tail", tail), ("follow", "true"));
        using var response = await _sender.SendAsync(_ => new HttpRequestMessage(HttpMethod.Get, path), repeatable: true, cancellationToken, streaming: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var message in ServerSentEventReader.ReadAsync(body, cancellationToken))
        {
            // The first event says the engine is attached; lines are stdout or stderr.
            if (message.Event is "stdout" or "stderr")
            {
                yield return new ContainerLogLine(message.Event, message.Data);
            }
        }
    }
}
