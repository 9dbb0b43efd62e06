using System.Text;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    private const string Yaml = "application/yaml";

    /// <summary>Every workload that runs, and the workload files that did not load (with their errors).</summary>
    public Task<WorkloadList> GetWorkloadsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<WorkloadList>("api/v1/workloads", cancellationToken);

    /// <summary>A workload's file as it runs: its YAML text (comments kept) and its ETag.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>WORKLOAD_NOT_FOUND</c>.</exception>
    public async Task<WorkloadDocument> GetWorkloadAsync(string workloadId, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/workloads/{Segment(workloadId)}";
        using var response = await _sender.SendAsync(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd(Yaml);
            return request;
        }, repeatable: true, cancellationToken);
        return new WorkloadDocument(workloadId, await response.Content.ReadAsStringAsync(cancellationToken), response.Headers.ETag?.ToString());
    }

    /// <summary>Creates a workload from its YAML file (its id is <c>x-boilerhouse.id</c>); the server validates it, writes the file and starts its pool.</summary>
    /// <remarks>Not retried after a dropped connection: a repeat of a create that happened would answer <c>WORKLOAD_EXISTS</c>.</remarks>
    /// <exception cref="BoilerhouseRequestException"><c>INVALID_WORKLOAD_SPEC</c> (the message names the fields), <c>WORKLOAD_EXISTS</c>.</exception>
    public Task<Workload> CreateWorkloadAsync(string yaml, CancellationToken cancellationToken = default) =>
        SendYamlAsync(HttpMethod.Post, "api/v1/workloads", yaml, null, repeatable: false, cancellationToken);

    /// <summary>
    /// Replaces a workload with <paramref name="yaml"/>; its pool rolls out the change. With
    /// <paramref name="ifMatch"/> (an ETag read before), only if nobody changed it since; without, the last writer wins.
    /// </summary>
    /// <exception cref="BoilerhouseRequestException"><c>INVALID_WORKLOAD_SPEC</c>, <c>WORKLOAD_NOT_FOUND</c>, <c>PRECONDITION_FAILED</c>.</exception>
    public Task<Workload> ReplaceWorkloadAsync(string workloadId, string yaml, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendYamlAsync(HttpMethod.Put, $"api/v1/workloads/{Segment(workloadId)}", yaml, ifMatch, repeatable: true, cancellationToken);

    /// <summary>Creates the workload, or replaces it when one with that id exists (last writer wins).</summary>
    /// <param name="workloadId">The file's <c>x-boilerhouse.id</c>.</param>
    /// <param name="yaml">The workload file.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="BoilerhouseRequestException"><c>INVALID_WORKLOAD_SPEC</c>.</exception>
    public async Task<Workload> ApplyWorkloadAsync(string workloadId, string yaml, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReplaceWorkloadAsync(workloadId, yaml, null, cancellationToken);
        }
        catch (BoilerhouseRequestException e) when (e.Code == "WORKLOAD_NOT_FOUND")
        {
            return await CreateWorkloadAsync(yaml, cancellationToken);
        }
    }

    /// <summary>Deletes a workload: its file and its pool. Refused while tenants hold its containers, unless <paramref name="force"/>.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>WORKLOAD_NOT_FOUND</c>, <c>WORKLOAD_IN_USE</c>, <c>PRECONDITION_FAILED</c>.</exception>
    public async Task DeleteWorkloadAsync(string workloadId, string? ifMatch = null, bool force = false, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/workloads/{Segment(workloadId)}" + Query(("force", force ? "true" : null));
        using var response = await _sender.SendAsync(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, path);
            AddIfMatch(request, ifMatch);
            return request;
        }, repeatable: false, cancellationToken);
    }

    private async Task<Workload> SendYamlAsync(HttpMethod method, string path, string yaml, string? ifMatch, bool repeatable, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yaml);
        using var response = await _sender.SendAsync(_ =>
        {
            var request = new HttpRequestMessage(method, path) { Content = new StringContent(yaml, Encoding.UTF8, Yaml) };
            AddIfMatch(request, ifMatch);
            return request;
        }, repeatable, cancellationToken);
        return await ClientJson.ReadAsync<Workload>(response, cancellationToken);
    }

    // ETags are sent as the server gave them; TryAddWithoutValidation keeps a weak or unquoted tag intact.
    private static void AddIfMatch(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is { Length: > 0 })
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
    }
}
