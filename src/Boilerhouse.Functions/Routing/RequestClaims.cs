using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Functions.Access;
using Boilerhouse.Functions.Apis;
using Boilerhouse.Functions.Settings;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// <c>routing.claim_on_request: true</c>: the first request of an unclaimed tenant claims a container
/// (no config, no secrets) and then goes through, as ACA sessions allocate on first use. The pool is
/// the one the <c>X-Boilerhouse-Pool</c> header names, else the only workload that claims on request.
/// </summary>
public sealed class RequestClaims(WorkloadCatalog workloads, IGrainFactory grains, ClaimQuotaStore quotas, BoilerhouseSettings settings)
{
    public const string PoolHeader = "X-Boilerhouse-Pool";

    /// <summary>The workload a request for an unclaimed tenant would claim in; null when none claims on request.</summary>
    public WorkloadSpec? WorkloadFor(HttpRequest request)
    {
        var candidates = workloads.Workloads.Where(w => w.Routing.ClaimOnRequest).ToList();
        var named = request.Headers[PoolHeader].Count == 1 ? request.Headers[PoolHeader][0] : null;
        return named is not null
            ? candidates.FirstOrDefault(w => w.Id == named)
            : candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>Claims in <paramref name="workload"/> and waits for it: true when it worked, else false after the problem was written.</summary>
    public async Task<bool> ClaimAsync(HttpContext http, string tenantId, WorkloadSpec workload, RoutingPass pass)
    {
        var principal = pass.Principal;
        if (principal is not null && !principal.MayClaimIn(workload.Id))
        {
            await Problems.For(http, AccessErrorCodes.Forbidden, $"This key may claim only in pools {string.Join(", ", principal.Pools)}.").ExecuteAsync(http);
            return false;
        }

        var quota = principal is { MaxContainers: { } max } ? max : (int?)null;
        if (quota is { } limit && !await quotas.TryReserveAsync(principal!.KeyId, limit, tenantId, principal.Tenants.Allows, http.RequestAborted))
        {
            await Problems.For(http, AccessErrorCodes.QuotaExceeded, $"This key's tenants already hold {limit} container(s), its maxContainers; release one first.").ExecuteAsync(http);
            return false;
        }

        try
        {
            var tenant = grains.GetGrain<ITenantGrain>(tenantId);
            var outcome = await tenant.StartClaimAsync(new ClaimCommand(tenantId, workload.Id, null, new Dictionary<string, string>()), InstanceIds.New(),
                settings.ClaimWaitTimeout + TimeSpan.FromSeconds(30));
            if (outcome.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return true;
            }

            var code = outcome.ErrorCode ?? ErrorCodes.PoolExhausted;
            await Problems.For(http, code, outcome.ErrorMessage ?? $"The claim for tenant '{tenantId}' did not finish in time; try again.").ExecuteAsync(http);
            return false;
        }
        finally
        {
            if (quota is not null)
            {
                await quotas.CancelAsync(principal!.KeyId, tenantId);
            }
        }
    }
}
