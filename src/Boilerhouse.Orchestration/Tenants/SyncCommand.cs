using System.Text.Json;
using Boilerhouse.Sync;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>A sync of a claimed tenant's state: which way, and what asked for it (an operator or the periodic timer).</summary>
[GenerateSerializer, Immutable]
public sealed record SyncCommand(
    [property: Id(0)] SyncDirection Direction,
    [property: Id(1)] SyncTrigger Trigger)
{
    public string ToJson(string tenantId) => JsonSerializer.Serialize(new Input(tenantId, Direction, Trigger), JsonDefaults.Options);

    public static SyncCommand FromJson(string json)
    {
        var input = JsonSerializer.Deserialize<Input>(json, JsonDefaults.Options)!;
        return new SyncCommand(input.Direction, input.Trigger);
    }

    private sealed record Input(string TenantId, SyncDirection Direction, SyncTrigger Trigger);
}
