using System.Text.Json;

namespace Boilerhouse.Core.Events;

/// <summary>
/// Something that happened, as subscribers see it: <see cref="Id"/> grows monotonically across the
/// cluster (0 until the event hub numbers it), <see cref="Type"/> is one of <see cref="EventTypes"/>,
/// and the ids say what it concerns; <see cref="Payload"/> carries the type's own fields.
/// </summary>
public sealed record BoilerhouseEvent(
    long Id,
    string Type,
    DateTimeOffset Time,
    string? PoolId,
    string? TenantId,
    string? ContainerId,
    string? HostId,
    JsonElement Payload)
{
    private static readonly JsonElement EmptyPayload = JsonSerializer.SerializeToElement(new { });

    /// <summary>An event not yet numbered; the payload is any object serializable as JSON (null for none).</summary>
    public static BoilerhouseEvent Draft(
        string type, DateTimeOffset time, string? poolId = null, string? tenantId = null, string? containerId = null, string? hostId = null,
        object? payload = null) =>
        new(0, type, time, poolId, tenantId, containerId, hostId,
            payload is null ? EmptyPayload : JsonSerializer.SerializeToElement(payload, payload.GetType(), PayloadJson.Options));
}

/// <summary>How payloads are written: camelCase, nulls left out.</summary>
public static class PayloadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
