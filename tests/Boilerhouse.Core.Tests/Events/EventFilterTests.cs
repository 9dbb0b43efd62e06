using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;

namespace Boilerhouse.Core.Tests.Events;

public sealed class EventFilterTests
{
    private static BoilerhouseEvent Event(string type, string? pool = "web", string? tenant = "t-1") =>
        BoilerhouseEvent.Draft(type, DateTimeOffset.UnixEpoch, pool, tenant);

    [Fact]
    public void Empty_filter_matches_every_event()
    {
        Assert.True(EventFilter.Parse(null, null, null).Matches(Event(EventTypes.HostCordoned, null, null)));
    }

    [Fact]
    public void Types_match_exactly_or_by_family()
    {
        var filter = EventFilter.Parse("sync.failed, container.*", null, null);

        Assert.True(filter.Matches(Event(EventTypes.SyncFailed)));
        Assert.True(filter.Matches(Event(EventTypes.ContainerDestroyed)));
        Assert.False(filter.Matches(Event(EventTypes.SyncStarted)));
        Assert.False(filter.Matches(Event(EventTypes.PoolScaled)));
    }

    [Fact]
    public void Pool_and_tenant_must_both_match_when_given()
    {
        var filter = EventFilter.Parse(null, "web", "t-1");

        Assert.True(filter.Matches(Event(EventTypes.ContainerClaimed)));
        Assert.False(filter.Matches(Event(EventTypes.ContainerClaimed, pool: "api")));
        Assert.False(filter.Matches(Event(EventTypes.ContainerClaimed, tenant: "t-2")));
        Assert.False(filter.Matches(Event(EventTypes.PoolScaled, tenant: null)));
    }

    [Theory]
    [InlineData("container.exploded")]
    [InlineData("nothing.*")]
    [InlineData("*")]
    public void Unknown_type_is_refused_naming_it(string types)
    {
        var ex = Assert.Throws<BoilerhouseException>(() => EventFilter.Parse(types, null, null));

        Assert.Equal(ErrorCodes.InvalidRequest, ex.Code);
        Assert.Contains(types, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_ids_are_refused()
    {
        Assert.Equal(ErrorCodes.InvalidId, Assert.Throws<BoilerhouseException>(() => EventFilter.Parse(null, "../web", null)).Code);
        Assert.Equal(ErrorCodes.InvalidId, Assert.Throws<BoilerhouseException>(() => EventFilter.Parse(null, null, "Tenant A")).Code);
    }

    [Fact]
    public void Draft_payload_is_written_in_camel_case_without_nulls()
    {
        var e = BoilerhouseEvent.Draft(EventTypes.SyncCompleted, DateTimeOffset.UnixEpoch, payload: new { FilesTransferred = 3, Error = (string?)null });

        Assert.Equal("""{"filesTransferred":3}""", e.Payload.GetRawText());
    }
}
