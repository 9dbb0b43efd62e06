using Boilerhouse.Sync.Limits;

namespace Boilerhouse.Sync.Tests.Limits;

/// <summary>Saves never take the last slot, and a waiting restore is served before waiting saves.</summary>
public sealed class SyncSlotsTests
{
    [Fact]
    public async Task Saves_take_all_slots_but_one_and_a_restore_still_gets_in()
    {
        var slots = new SyncSlots(3);
        using var save1 = await slots.EnterAsync(restore: false, CancellationToken.None);
        using var save2 = await slots.EnterAsync(restore: false, CancellationToken.None);

        var save3 = slots.EnterAsync(restore: false, CancellationToken.None);
        var restore = slots.EnterAsync(restore: true, CancellationToken.None);

        Assert.False(save3.IsCompleted);
        using var restoreSlot = await restore.WaitAsync(TimeSpan.FromSeconds(90));
        save1.Dispose();
        using var third = await save3.WaitAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_freed_slot_goes_to_the_waiting_restore_before_an_earlier_waiting_save()
    {
        var slots = new SyncSlots(2);
        var restore1 = await slots.EnterAsync(restore: true, CancellationToken.None);
        var save1 = await slots.EnterAsync(restore: false, CancellationToken.None);
        var save2 = slots.EnterAsync(restore: false, CancellationToken.None);
        var restore2 = slots.EnterAsync(restore: true, CancellationToken.None);

        restore1.Dispose();

        using var granted = await restore2.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.False(save2.IsCompleted);
        save1.Dispose();
        (await save2.WaitAsync(TimeSpan.FromSeconds(90))).Dispose();
    }

    [Fact]
    public async Task With_a_single_slot_saves_still_run()
    {
        var slots = new SyncSlots(1);

        using var save = await slots.EnterAsync(restore: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));
    }
}
