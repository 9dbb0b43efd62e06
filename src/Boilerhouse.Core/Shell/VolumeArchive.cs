namespace Boilerhouse.Core.Shell;

/// <summary>A tar stream read out of a volume; disposing it also lets the helper container that served it go.</summary>
public sealed class VolumeArchive(Stream tar, Func<ValueTask> release) : IAsyncDisposable
{
    public Stream Tar { get; } = tar;

    public async ValueTask DisposeAsync()
    {
        await Tar.DisposeAsync().ConfigureAwait(false);
        await release().ConfigureAwait(false);
    }
}
