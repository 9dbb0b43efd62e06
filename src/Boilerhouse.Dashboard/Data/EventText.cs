using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.ActivityLog;

namespace Boilerhouse.Dashboard.Data;

/// <summary>An event in one line for the activity feeds: the activity log's sentence, or its type and ids.</summary>
public static class EventText
{
    public static string Of(BoilerhouseEvent e) => ActivitySentences.Describe(e) ?? string.Join(" ", new[]
    {
        e.Type,
        e.PoolId is null ? null : $"pool {e.PoolId}",
        e.TenantId is null ? null : $"tenant {e.TenantId}",
        e.ContainerId is null ? null : $"container {e.ContainerId[..Math.Min(12, e.ContainerId.Length)]}",
        e.HostId is null ? null : $"host {e.HostId}",
    }.Where(part => part is not null));
}
