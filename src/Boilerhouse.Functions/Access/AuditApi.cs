using System.Globalization;
using Boilerhouse.Core.Errors;
using Boilerhouse.Functions.Apis;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Access;

/// <summary>The audit log, newest first: ?keyId, ?action (part of "METHOD /route"), ?from, ?to, ?top, ?before (paging).</summary>
public static class AuditApi
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    public static RouteHandlerBuilder MapAuditApiV1(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", QueryAsync).WithTags("Audit").ProducesProblems(ErrorCodes.InvalidRequest);

    public static async Task<Ok<AuditPage>> QueryAsync(HttpContext http, AuditStore audit)
    {
        var q = http.Request.Query;
        var top = DefaultTop;
        if (q["top"].ToString() is { Length: > 0 } rawTop && (!int.TryParse(rawTop, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"top must be a whole number from 1 to {MaxTop}, got '{rawTop}'.");
        }

        long? before = null;
        if (q["before"].ToString() is { Length: > 0 } rawBefore)
        {
            before = long.TryParse(rawBefore, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b
                : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"before must be an entry id from a previous page's 'next', got '{rawBefore}'.");
        }

        var query = new AuditQuery(Text(q, "keyId"), Text(q, "action"), Time(q, "from"), Time(q, "to"), before, top);
        var entries = await audit.QueryAsync(query, http.RequestAborted);
        var next = entries.Count == top ? entries[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditPage(entries.Select(AuditEntry.From).ToList(), next));
    }

    private static string? Text(IQueryCollection q, string key) => q[key].ToString() is { Length: > 0 and <= 200 } value ? value : null;

    private static DateTimeOffset? Time(IQueryCollection q, string key) => q[key].ToString() switch
    {
        { Length: 0 } => null,
        var raw => DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime()
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{key} '{raw}' is not an ISO 8601 time such as 2026-01-31T12:00:00Z."),
    };
}

public sealed record AuditEntry(long Id, DateTimeOffset Time, string? KeyId, string? KeyName, string Action, string Target, int Status, string? ClientAddress)
{
    public static AuditEntry From(AuditRecord r) => new(r.Id, r.Time, r.KeyId, r.KeyName, r.Action, r.Target, r.Status, r.ClientAddress);
}

/// <summary>A page of entries; pass "next" as ?before= for the older ones.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? Next);
