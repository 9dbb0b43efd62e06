using System.Globalization;
using System.Text.Json;
using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.ActivityLog;

/// <summary>
/// Tells an event in words for the activity log ("tenant abc claimed container c-1234 (pool web)"),
/// or null for events not worth telling there (warming, scaling, orchestrations that went well).
/// </summary>
public static class ActivitySentences
{
    public static string? Describe(BoilerhouseEvent e) => e.Type switch
    {
        EventTypes.ContainerClaimed => $"tenant {e.TenantId} claimed container {Container(e)} (pool {e.PoolId})",
        EventTypes.ContainerReleased =>
            $"tenant {e.TenantId} released container {Container(e)} (pool {e.PoolId}){(Flag(e, "syncSkipped") ? " without saving its state (sync: false)" : "")}{Because(Text(e, "reason"))}",
        EventTypes.ContainerDestroyed => $"container {Container(e)} was destroyed{OfTenant(e)} (pool {e.PoolId})",
        EventTypes.ContainerUnhealthy => $"container {Container(e)}{OfTenant(e)} is unhealthy (pool {e.PoolId}){Because(Text(e, "reason"))}",
        EventTypes.SyncCompleted =>
            $"{Sync(e)} of tenant {e.TenantId} completed: {Number(e, "filesTransferred")} files, {Number(e, "bytesTransferred")} bytes transferred (pool {e.PoolId})",
        EventTypes.SyncFailed => $"{Sync(e)} of tenant {e.TenantId} failed (pool {e.PoolId}){Because(Error(e))}",
        EventTypes.PoolWarning => $"pool {e.PoolId} warning{Because(Error(e))}",
        EventTypes.OrchestrationFailed =>
            $"orchestration {Joined(Text(e, "name"), Text(e, "instanceId"))} failed{ForTenant(e)}{Because(Error(e))}",
        EventTypes.HostUnhealthy => $"host {e.HostId} is unhealthy{Because(Text(e, "error"))}",
        EventTypes.HostHealthy => $"host {e.HostId} is healthy again",
        EventTypes.HostCordoned => $"host {e.HostId} was cordoned: no new containers are placed on it",
        EventTypes.HostDrained => $"host {e.HostId} was drained: cordoned, its warm containers are moved away",
        _ => null,
    };

    // The container's name says more to a reader than Docker's 64-digit id.
    private static string Container(BoilerhouseEvent e) =>
        Text(e, "containerName") ?? (e.ContainerId is { Length: > 12 } id ? id[..12] : e.ContainerId) ?? "(unknown)";

    private static string OfTenant(BoilerhouseEvent e) => e.TenantId is null ? "" : $" of tenant {e.TenantId}";

    private static string ForTenant(BoilerhouseEvent e) => e.TenantId is null ? "" : $" for tenant {e.TenantId}";

    private static string Sync(BoilerhouseEvent e) => Text(e, "trigger") is { } trigger ? $"{trigger} sync" : "sync";

    private static string? Error(BoilerhouseEvent e) => Joined(Text(e, "code"), Text(e, "message"), ": ");

    private static string Because(string? why) => why is null ? "" : $": {why}";

    private static string? Joined(string? first, string? second, string separator = " ") =>
        first is null ? second : second is null ? first : first + separator + second;

    private static string? Text(BoilerhouseEvent e, string name) =>
        e.Payload.ValueKind == JsonValueKind.Object && e.Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool Flag(BoilerhouseEvent e, string name) =>
        e.Payload.ValueKind == JsonValueKind.Object && e.Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Number(BoilerhouseEvent e, string name) =>
        e.Payload.ValueKind == JsonValueKind.Object && e.Payload.TryGetProperty(name, out var value) && value.TryGetInt64(out var n)
            ? n.ToString(CultureInfo.InvariantCulture)
            : "0";
}
