namespace Boilerhouse.Orchestration.Resources;

public sealed class ResourceSweepGrain(TimeProvider time) : Grain, IResourceSweepGrain
{
    public const string Key = "resources";

    private string? _holder;
    private DateTimeOffset _heldUntil;
    private PublishedSweep? _latest;

    public Task<bool> HoldLeaseAsync(string silo, TimeSpan lease)
    {
        var now = time.GetUtcNow();
        if (_holder != silo && _holder is not null && now < _heldUntil)
        {
            return Task.FromResult(false);
        }

        (_holder, _heldUntil) = (silo, now + lease);
        return Task.FromResult(true);
    }

    public Task PublishAsync(string silo, PublishedSweep sweep)
    {
        if (silo == _holder && (_latest is null || sweep.At > _latest.At))
        {
            _latest = sweep;
        }

        return Task.CompletedTask;
    }

    public Task<PublishedSweep?> LatestAsync(DateTimeOffset after) => Task.FromResult(_latest is { } latest && latest.At > after ? latest : null);
}
