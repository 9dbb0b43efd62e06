using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Functions.Access;
using Boilerhouse.Orchestration.Admin;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The tenants that hold a container (claimed, releasing or lost), in tenant id order, each with its
/// latest sync run. Tenant keys see only the tenants in their scope.
/// </summary>
public static class TenantListApi
{
    private static readonly Dictionary<string, TenantStatus> Statuses = Enum.GetValues<TenantStatus>()
        .ToDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    public static RouteHandlerBuilder MapTenantListApiV1(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/tenants", ListAsync).WithTags("Tenants")
            .WithDescription("Tenants holding a container: ?poolId, ?status (claimed, releasing, lost), ?limit (1-500), ?after (the previous page's next).")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId);

    public static async Task<Ok<TenantPage>> ListAsync(HttpContext http, TenantListStore store, [AsParameters] TenantListRequest request)
    {
        var principal = http.Items[typeof(AccessPrincipal)] as AccessPrincipal;
        var query = new TenantListQuery(
            string.IsNullOrEmpty(request.PoolId) ? null : ResourceId.Require(request.PoolId, "pool"),
            ListPage.OneOf("status", request.Status, Statuses),
            principal is { Role: AccessRole.Tenant } ? principal.Tenants.Entries : null,
            string.IsNullOrEmpty(request.After) ? null : ResourceId.Require(request.After, "tenant"),
            ListPage.Limit(request.Limit));
        var rows = await store.ListAsync(query, http.RequestAborted);
        return TypedResults.Ok(new TenantPage(rows.Select(TenantListItem.From).ToList(), ListPage.Next(rows, query.Limit, r => r.Tenant.TenantId)));
    }
}

/// <summary>The tenants list's query string.</summary>
public sealed record TenantListRequest(
    [FromQuery(Name = "poolId")] string? PoolId,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "after")] string? After);

/// <summary>A tenant holding a container, and its latest sync run (null: none yet).</summary>
public sealed record TenantListItem(
    string TenantId, string Status, string PoolId, string ContainerName, string ContainerId, DateTimeOffset ClaimedAt,
    DateTimeOffset LastActivityAt, string? LastInstanceId, Boilerhouse.Core.Containers.ContainerEndpoints Endpoints, SyncRunView? LastSync)
{
    public static TenantListItem From(TenantListRow row) => new(
        row.Tenant.TenantId, row.Tenant.Status.ToString().ToLowerInvariant(), row.Tenant.PoolId, row.Tenant.ContainerName,
        row.Tenant.ContainerId, row.Tenant.ClaimedAt, row.Tenant.LastActivityAt, row.Tenant.LastInstanceId,
        PoolEndpoints.Parse(row.Tenant.EndpointsJson), row.LastSync is null ? null : SyncRunView.From(row.LastSync));
}

/// <summary>A page of tenants; pass "next" as ?after= for the following page (null: no more).</summary>
public sealed record TenantPage(IReadOnlyList<TenantListItem> Tenants, string? Next);
