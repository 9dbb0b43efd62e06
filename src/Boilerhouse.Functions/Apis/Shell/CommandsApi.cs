using System.Globalization;
using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>A tenant's command log: every exec and terminal session, newest first, paged like the audit log (?top, ?before).</summary>
public static class CommandsApi
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;

    public static IEndpointRouteBuilder MapCommandsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenants/{tenantId}/commands", QueryAsync).WithTags("Tenants")
            .WithDescription("Execs and terminal sessions in the tenant's containers, newest first: ?top (1-1000, default 100), ?before (the previous page's next).")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest);
        return app;
    }

    public static async Task<Ok<CommandPage>> QueryAsync(
        string tenantId, [FromQuery] string? top, [FromQuery] string? before, HttpContext http, CommandLogStore store)
    {
        ResourceId.Require(tenantId, "tenant");
        var count = string.IsNullOrEmpty(top) ? DefaultTop
            : int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= MaxTop ? t
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"top must be a whole number from 1 to {MaxTop}.");
        long? beforeId = string.IsNullOrEmpty(before) ? null
            : long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, "before must be an entry id from a previous page's 'next'.");
        var records = await store.QueryAsync(tenantId, beforeId, count, http.RequestAborted);
        var next = records.Count == count ? records[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new CommandPage([.. records.Select(CommandEntry.From)], next));
    }
}

/// <summary>One exec or terminal session: who ran what, where, when, for how long and how it ended.</summary>
public sealed record CommandEntry(
    long Id, DateTimeOffset Started, string Kind, string? TenantId, string ContainerId, string HostId, string? KeyId, string? KeyName,
    IReadOnlyList<string> Command, long DurationMs, long? ExitCode, bool TimedOut, string? Error)
{
    public static CommandEntry From(CommandRecord r) => new(
        r.Id, r.Time, r.Kind, r.TenantId, r.ContainerId, r.HostId, r.KeyId, r.KeyName,
        JsonSerializer.Deserialize<List<string>>(r.Command) ?? [], r.DurationMs, r.ExitCode, r.TimedOut, r.Error);
}

/// <summary>A page of entries, newest first; pass "next" as ?before= for older ones (null: no more).</summary>
public sealed record CommandPage(IReadOnlyList<CommandEntry> Entries, string? Next);
