using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.ActivityLog;

namespace Boilerhouse.Orchestration.Tests.ActivityLog;

public sealed class ActivitySentencesTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    public static TheoryData<BoilerhouseEvent, string> Told => new()
    {
        { BoilerhouseEvent.Draft(EventTypes.ContainerClaimed, At, "web", "abc", new string('f', 64), "local", new { containerName = "c-1234" }),
            "tenant abc claimed container c-1234 (pool web)" },
        { BoilerhouseEvent.Draft(EventTypes.ContainerReleased, At, "web", "abc", "0123456789abcdef", payload: new { instanceId = "i" }),
            "tenant abc released container 0123456789ab (pool web)" },
        { BoilerhouseEvent.Draft(EventTypes.ContainerReleased, At, "web", "abc", "0123456789abcdef",
                payload: new { containerName = "c-9", syncSkipped = true, reason = "container removed by an operator" }),
            "tenant abc released container c-9 (pool web) without saving its state (sync: false): container removed by an operator" },
        { BoilerhouseEvent.Draft(EventTypes.ContainerDestroyed, At, "web", "abc", payload: new { containerName = "c-1" }),
            "container c-1 was destroyed of tenant abc (pool web)" },
        { BoilerhouseEvent.Draft(EventTypes.ContainerUnhealthy, At, "web", payload: new { containerName = "c-2", reason = "it stopped" }),
            "container c-2 is unhealthy (pool web): it stopped" },
        { BoilerhouseEvent.Draft(EventTypes.SyncCompleted, At, "web", "abc", payload: new { trigger = "release", filesTransferred = 3, bytesTransferred = 1024 }),
            "release sync of tenant abc completed: 3 files, 1024 bytes transferred (pool web)" },
        { BoilerhouseEvent.Draft(EventTypes.SyncFailed, At, "web", "abc", payload: new { trigger = "claim", code = "SINK_UNAVAILABLE", message = "down" }),
            "claim sync of tenant abc failed (pool web): SINK_UNAVAILABLE: down" },
        { BoilerhouseEvent.Draft(EventTypes.PoolWarning, At, "web", payload: new { code = "DOCKER_UNAVAILABLE", message = "no engine" }),
            "pool web warning: DOCKER_UNAVAILABLE: no engine" },
        { BoilerhouseEvent.Draft(EventTypes.OrchestrationFailed, At, "web", "abc", payload: new { instanceId = "i-1", name = "claim", code = "POOL_EXHAUSTED", message = "full" }),
            "orchestration claim i-1 failed for tenant abc: POOL_EXHAUSTED: full" },
        { BoilerhouseEvent.Draft(EventTypes.HostUnhealthy, At, hostId: "h1", payload: new { error = "timeout" }), "host h1 is unhealthy: timeout" },
        { BoilerhouseEvent.Draft(EventTypes.HostHealthy, At, hostId: "h1"), "host h1 is healthy again" },
        { BoilerhouseEvent.Draft(EventTypes.HostCordoned, At, hostId: "h1"), "host h1 was cordoned: no new containers are placed on it" },
        { BoilerhouseEvent.Draft(EventTypes.HostDrained, At, hostId: "h1"), "host h1 was drained: cordoned, its warm containers are moved away" },
    };

    [Theory]
    [MemberData(nameof(Told))]
    public void Describe_event_worth_telling_says_it_in_words(BoilerhouseEvent e, string sentence) =>
        Assert.Equal(sentence, ActivitySentences.Describe(e));

    [Theory]
    [InlineData(EventTypes.ContainerCreated)]
    [InlineData(EventTypes.SyncStarted)]
    [InlineData(EventTypes.PoolScaled)]
    [InlineData(EventTypes.OrchestrationStarted)]
    [InlineData(EventTypes.OrchestrationCompleted)]
    public void Describe_routine_event_returns_null(string type) =>
        Assert.Null(ActivitySentences.Describe(BoilerhouseEvent.Draft(type, At, "web", "abc")));

    [Fact]
    public void Describe_every_told_type_is_covered_by_the_theory() =>
        Assert.Equal(12, EventTypes.All.Count(t => ActivitySentences.Describe(BoilerhouseEvent.Draft(t, At, "p", "t", "c", "h")) is not null));
}
