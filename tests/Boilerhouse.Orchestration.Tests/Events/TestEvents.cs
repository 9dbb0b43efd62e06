using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.Tests.Events;

/// <summary>Numbered events for the buffer and queue tests.</summary>
internal static class TestEvents
{
    public static BoilerhouseEvent Numbered(long id, string type = EventTypes.ContainerClaimed, string? tenantId = "t-1", string? poolId = "web") =>
        BoilerhouseEvent.Draft(type, DateTimeOffset.UnixEpoch, poolId, tenantId) with { Id = id };

    public static List<BoilerhouseEvent> Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => Numbered(i))];
}
