using System.Globalization;
using System.Runtime.CompilerServices;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>
    /// Claims a warm container of <paramref name="request"/>'s pool for a tenant and returns when it
    /// is handed over: the server waits up to <see cref="BoilerhouseClientOptions.StarterWait"/>,
    /// then the client follows the instance's status until it finishes. Every attempt carries the
    /// same idempotency key, so retries (after a dropped connection or a restart) never take a
    /// second container. A tenant that already holds a container gets it back (<c>Existing</c>).
    /// </summary>
    /// <exception cref="BoilerhouseRequestException">The claim failed, e.g. <c>POOL_NOT_FOUND</c>, <c>TENANT_ALREADY_CLAIMED</c>, or <c>POOL_EXHAUSTED</c> after every retry.</exception>
    public Task<ClaimResult> ClaimAsync(string tenantId, ClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new { poolId = request.PoolId, config = request.Config, secrets = request.Secrets };
        return RunStarterAsync<ClaimResult>($"api/v1/tenants/{Segment(tenantId)}/claim", body, request.IdempotencyKey, cancellationToken);
    }

    /// <summary>Releases a tenant's container: saves its state, destroys the container, and returns when done.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="idempotencyKey">Makes retries of this release one release; generated when null.</param>
    /// <param name="cancellationToken">Stops waiting (the release goes on on the server).</param>
    /// <exception cref="BoilerhouseRequestException"><c>TENANT_NOT_FOUND</c> when the tenant holds nothing.</exception>
    public Task<ReleaseResult> ReleaseAsync(string tenantId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        ReleaseAsync(tenantId, new ReleaseOptions { IdempotencyKey = idempotencyKey }, cancellationToken);

    /// <summary>
    /// Releases a tenant's container as <paramref name="options"/> say, and returns when done:
    /// <see cref="ReleaseOptions.Sync"/> false destroys the container without saving its state.
    /// </summary>
    /// <exception cref="BoilerhouseRequestException"><c>TENANT_NOT_FOUND</c> when the tenant holds nothing.</exception>
    public Task<ReleaseResult> ReleaseAsync(string tenantId, ReleaseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = options.Sync ? null : new { sync = false };
        return RunStarterAsync<ReleaseResult>($"api/v1/tenants/{Segment(tenantId)}/release", body, options.IdempotencyKey, cancellationToken);
    }

    /// <summary>The tenants that hold a container, in tenant id order, page after page as the enumeration goes on. Tenant keys see only their own.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>INVALID_REQUEST</c> for an unknown status.</exception>
    public async IAsyncEnumerable<TenantSummary> GetTenantsAsync(
        TenantQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new TenantQuery();
        string? after = null;
        do
        {
            var page = await GetAsync<TenantPage>("api/v1/tenants" + Query(
                ("poolId", query.PoolId), ("status", query.Status), ("limit", query.PageSize), ("after", after)), cancellationToken);
            foreach (var tenant in page.Tenants)
            {
                yield return tenant;
            }

            after = page.Next;
        }
        while (after is not null);
    }

    /// <summary>
    /// Reads the tenant's saved objects and compares them with its manifests (operators). Changes
    /// nothing. The pool is the one the tenant holds a container of, else <paramref name="poolId"/>.
    /// </summary>
    /// <exception cref="BoilerhouseRequestException"><c>POOL_NOT_FOUND</c>, <c>SYNC_NOT_CONFIGURED</c>, <c>SINK_UNAVAILABLE</c>, or <c>INVALID_REQUEST</c> when the tenant holds nothing and no pool was named.</exception>
    public Task<StateReport> VerifyTenantStateAsync(string tenantId, string? poolId = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<StateReport>(HttpMethod.Post, $"api/v1/tenants/{Segment(tenantId)}/verify" + Query(("poolId", poolId)), null, repeatable: true, cancellationToken);

    /// <summary>Syncs a tenant's state now and returns the finished run.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>SYNC_NOT_CONFIGURED</c>, <c>MANUAL_SYNC_NOT_ALLOWED</c>, <c>SYNC_FAILED</c>, ...</exception>
    public Task<SyncResult> SyncAsync(string tenantId, SyncDirection direction = SyncDirection.Both, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunStarterAsync<SyncResult>($"api/v1/tenants/{Segment(tenantId)}/sync",
            new { direction = direction.ToString().ToLowerInvariant() }, idempotencyKey, cancellationToken);

    /// <summary>Where a tenant stands: claimed, releasing, lost or unclaimed, its container, host and sync.</summary>
    public Task<TenantStatus> GetTenantStatusAsync(string tenantId, CancellationToken cancellationToken = default) =>
        GetAsync<TenantStatus>($"api/v1/tenants/{Segment(tenantId)}/status", cancellationToken);

    /// <summary>Reports that the tenant's app is in use, so its idle timeout starts again.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>TENANT_NOT_FOUND</c> when the tenant holds nothing.</exception>
    public Task ReportActivityAsync(string tenantId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/tenants/{Segment(tenantId)}/activity", repeatable: true, cancellationToken);

    /// <summary>
    /// Starts (or finds again, by key) an orchestration, follows it until it finishes, and asks
    /// the starter once more for the finished answer: a finished instance answers at once, with the
    /// same result or problem (status, code, Retry-After) as a starter that waited.
    /// </summary>
    private async Task<T> RunStarterAsync<T>(string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = idempotencyKey is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");
        var waitMs = (int)Math.Clamp(_options.StarterWait.TotalMilliseconds, 0, 60_000);
        var url = $"{path}?waitMs={waitMs.ToString(CultureInfo.InvariantCulture)}";
        while (true)
        {
            using var response = await _sender.SendAsync(failedInstances =>
            {
                var message = Message(HttpMethod.Post, url, body);
                // A failed instance holds nothing but keeps its id: a retry after one starts afresh under a derived key.
                message.Headers.Add("Idempotency-Key", failedInstances == 0 ? key : $"{key}~{failedInstances}");
                return message;
            }, repeatable: true, cancellationToken);
            if (!IsAccepted(response))
            {
                return await ClientJson.ReadAsync<T>(response, cancellationToken);
            }

            var started = await ClientJson.ReadAsync<StartedInstance>(response, cancellationToken);
            await WaitForOrchestrationAsync(new Uri(started.StatusQueryGetUri, UriKind.RelativeOrAbsolute), cancellationToken);
        }
    }
}
