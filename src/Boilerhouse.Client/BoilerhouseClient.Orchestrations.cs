using System.Net;
using System.Runtime.CompilerServices;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>An orchestration instance with its input (secrets redacted), output, error and steps.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>ORCHESTRATION_NOT_FOUND</c>.</exception>
    public Task<OrchestrationInstance> GetOrchestrationAsync(string instanceId, CancellationToken cancellationToken = default) =>
        GetAsync<OrchestrationInstance>($"api/v1/orchestrations/{Segment(instanceId)}", cancellationToken);

    /// <summary>Polls an instance until it completed, failed or was terminated, and returns it.</summary>
    public Task<OrchestrationInstance> WaitForOrchestrationAsync(string instanceId, CancellationToken cancellationToken = default) =>
        WaitForOrchestrationAsync(new Uri($"api/v1/orchestrations/{Segment(instanceId)}", UriKind.Relative), cancellationToken);

    /// <summary>Instances newest first, page after page as the enumeration goes on.</summary>
    public async IAsyncEnumerable<OrchestrationInstance> GetOrchestrationsAsync(
        OrchestrationQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new OrchestrationQuery();
        string? continuation = null;
        do
        {
            var page = await GetAsync<OrchestrationPage>("api/v1/orchestrations" + Query(
                ("runtimeStatus", query.RuntimeStatus), ("name", query.Name), ("tenantId", query.TenantId),
                ("createdFrom", query.CreatedFrom), ("createdTo", query.CreatedTo), ("top", query.PageSize),
                ("continuationToken", continuation)), cancellationToken);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>Terminates a running instance.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>ORCHESTRATION_FINISHED</c> (410) when it already finished.</exception>
    public Task TerminateOrchestrationAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/orchestrations/{Segment(instanceId)}/terminate" + Query(("reason", reason)), repeatable: false, cancellationToken);

    /// <summary>Deletes the history of one finished instance.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>ORCHESTRATION_RUNNING</c> while it runs.</exception>
    public Task PurgeOrchestrationAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/orchestrations/{Segment(instanceId)}", repeatable: true, cancellationToken);

    /// <summary>Deletes the history of every finished instance created up to <paramref name="createdTimeTo"/>; returns how many.</summary>
    public async Task<int> PurgeOrchestrationHistoryAsync(DateTimeOffset createdTimeTo, CancellationToken cancellationToken = default) =>
        (await SendJsonAsync<PurgeAnswer>(HttpMethod.Delete, "api/v1/orchestrations" + Query(("createdTimeTo", createdTimeTo)), null, repeatable: true, cancellationToken))
        .InstancesDeleted;

    /// <summary>Follows a status URI (202 while running) until the instance finished.</summary>
    private async Task<OrchestrationInstance> WaitForOrchestrationAsync(Uri status, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await _sender.SendAsync(_ => new HttpRequestMessage(HttpMethod.Get, status), repeatable: true, cancellationToken);
            var instance = await ClientJson.ReadAsync<OrchestrationInstance>(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK || instance.IsFinished)
            {
                return instance;
            }

            await Task.Delay(Problem.RetryAfterOf(response.Headers.RetryAfter) ?? _options.PollInterval, cancellationToken);
        }
    }
}
