using System.Globalization;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The query of GET /api/v1/orchestrations. Values stay text so each bad one gets a precise
/// INVALID_REQUEST problem; <see cref="ToQuery"/> checks them all.
/// </summary>
public sealed record OrchestrationListFilter(
    [FromQuery(Name = "runtimeStatus")] string? RuntimeStatus,
    [FromQuery(Name = "name")] string? Name,
    [FromQuery(Name = "tenantId")] string? TenantId,
    [FromQuery(Name = "createdFrom")] string? CreatedFrom,
    [FromQuery(Name = "createdTo")] string? CreatedTo,
    [FromQuery(Name = "top")] string? Top,
    [FromQuery(Name = "continuationToken")] string? ContinuationToken)
{
    public const int DefaultTop = 100;
    public const int MaxTop = 1000;

    public OrchestrationQuery ToQuery(IReadOnlyCollection<string> names)
    {
        List<OrchestrationRuntimeStatus>? statuses = null;
        if (RuntimeStatus is { Length: > 0 } rawStatuses)
        {
            statuses = [];
            foreach (var value in rawStatuses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                statuses.Add(Enum.TryParse<OrchestrationRuntimeStatus>(value, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(value, out _)
                    ? s
                    : throw Invalid($"runtimeStatus '{value}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."));
            }
        }

        var name = Name is { Length: > 0 } n ? n : null;
        if (name is not null && !names.Contains(name))
        {
            throw Invalid($"name '{name}' is not one of {string.Join(", ", names)}.");
        }

        var tenantId = TenantId is { Length: > 0 } t ? ResourceId.Require(t, "tenant") : null;
        var top = DefaultTop;
        if (Top is { Length: > 0 } rawTop && (!int.TryParse(rawTop, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            throw Invalid($"top must be a whole number from 1 to {MaxTop}, got '{rawTop}'.");
        }

        (DateTimeOffset, string)? after = null;
        if (ContinuationToken is { Length: > 0 } token)
        {
            after = Orchestration.Orchestrations.ContinuationToken.TryDecode(token, out var position) ? position
                : throw Invalid("continuationToken is not one this API issued.");
        }

        return new OrchestrationQuery(statuses, name, tenantId, QueryTime.Read("createdFrom", CreatedFrom), QueryTime.Read("createdTo", CreatedTo), top, after);
    }

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
