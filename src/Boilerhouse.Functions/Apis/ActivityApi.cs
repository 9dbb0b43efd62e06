using System.Globalization;
using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;
using Boilerhouse.Core.Ids;
using Boilerhouse.Functions.Access;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The activity log, newest first: what happened, in words, filtered by pool, tenant, type and time,
/// paged like the audit log (?top, then ?before= the page's "next"). Tenant keys see only entries of
/// tenants in their scope.
/// </summary>
public static class ActivityApi
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    public static RouteHandlerBuilder MapActivityApiV1(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/activity", QueryAsync).WithTags("Activity")
            .WithDescription("The activity log, newest first: ?poolId, ?tenantId, ?type (comma-separated, families as container.*), ?from, ?to, ?top (1-1000), ?before (the previous page's next).")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId);

    public static async Task<Ok<ActivityPage>> QueryAsync(HttpContext http, ActivityStore activity, [AsParameters] ActivityRequest request)
    {
        var principal = http.Items[typeof(AccessPrincipal)] as AccessPrincipal;
        var query = new ActivityQuery(
            string.IsNullOrEmpty(request.PoolId) ? null : ResourceId.Require(request.PoolId, "pool"),
            string.IsNullOrEmpty(request.TenantId) ? null : ResourceId.Require(request.TenantId, "tenant"),
            Types(request.Type),
            principal is { Role: AccessRole.Tenant } ? principal.Tenants.Entries : null,
            QueryTime.Read("from", request.From),
            QueryTime.Read("to", request.To),
            Before(request.Before),
            Top(request.Top));
        var entries = await activity.QueryAsync(query, http.RequestAborted);
        var next = entries.Count == query.Top ? entries[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new ActivityPage(entries.Select(ActivityEntry.From).ToList(), next));
    }

    private static IReadOnlyList<string>? Types(string? raw)
    {
        var types = (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var type in types)
        {
            var known = type.EndsWith(".*", StringComparison.Ordinal)
                ? EventTypes.All.Any(t => t.StartsWith(type[..^1], StringComparison.Ordinal))
                : EventTypes.All.Contains(type);
            if (!known)
            {
                throw new BoilerhouseException(ErrorCodes.InvalidRequest,
                    $"Unknown event type '{Shorten(type)}' in ?type=; use any of {string.Join(", ", EventTypes.All)} or a family such as container.*.");
            }
        }

        return types.Length == 0 ? null : types;
    }

    private static int Top(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return DefaultTop;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= MaxTop
            ? top
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"top must be a whole number from 1 to {MaxTop}, got '{Shorten(raw)}'.");
    }

    private static long? Before(string? raw) => string.IsNullOrEmpty(raw) ? null
        : long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before
        : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"before must be an entry id from a previous page's 'next', got '{Shorten(raw)}'.");

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}

/// <summary>The activity log's query string.</summary>
public sealed record ActivityRequest(
    [FromQuery(Name = "poolId")] string? PoolId,
    [FromQuery(Name = "tenantId")] string? TenantId,
    [FromQuery(Name = "type")] string? Type,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "top")] string? Top,
    [FromQuery(Name = "before")] string? Before);

/// <summary>One thing that happened: <see cref="Id"/> is the event's id, <see cref="Sentence"/> says it in words.</summary>
public sealed record ActivityEntry(long Id, DateTimeOffset Time, string Type, string? PoolId, string? TenantId, string? ContainerId, string? HostId, string Sentence)
{
    public static ActivityEntry From(ActivityRecord r) => new(r.Id, r.Time, r.Type, r.PoolId, r.TenantId, r.ContainerId, r.HostId, r.Sentence);
}

/// <summary>A page of entries, newest first; pass "next" as ?before= for the older ones (null: no more).</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, string? Next);
