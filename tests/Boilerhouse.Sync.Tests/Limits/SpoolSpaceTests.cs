using Boilerhouse.Core.Errors;
using Boilerhouse.Sync.Limits;

namespace Boilerhouse.Sync.Tests.Limits;

public sealed class SpoolSpaceTests
{
    [Fact]
    public async Task A_reservation_that_does_not_fit_waits_until_space_is_released()
    {
        var space = new SpoolSpace(Path.GetTempPath(), 10);
        var first = await space.ReserveAsync(8, "a", CancellationToken.None);

        var second = space.ReserveAsync(4, "b", CancellationToken.None);
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var granted = await second.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(4, space.Used);
    }

    [Fact]
    public async Task A_reservation_bigger_than_the_limit_is_refused_at_once()
    {
        var space = new SpoolSpace(Path.GetTempPath(), 10);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => space.ReserveAsync(11, "big.bin", CancellationToken.None));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.Contains("BOILERHOUSE_SYNC_SPOOL_LIMIT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_wait_holds_no_space()
    {
        var space = new SpoolSpace(Path.GetTempPath(), 10);
        var first = await space.ReserveAsync(8, "a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = space.ReserveAsync(4, "b", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();

        Assert.Equal(0, space.Used);
    }
}
