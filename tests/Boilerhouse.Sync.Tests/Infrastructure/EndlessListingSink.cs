using System.Runtime.CompilerServices;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Tests.Infrastructure;

/// <summary>A real sink whose listing under any prefix goes on and on (as a hostile endpoint's could); counts what it handed out.</summary>
public sealed class EndlessListingSink(ISink inner) : ISink
{
    private long _listed;

    public long Listed => Interlocked.Read(ref _listed);

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0L; ; i++)
        {
            Interlocked.Increment(ref _listed);
            yield return new SinkObject($"{prefix}f{i}", 1);
            if (i % 10_000 == 0)
            {
                await Task.Yield();
            }
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

    public Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken) => inner.UploadAsync(key, content, length, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => inner.DeleteAsync(keys, cancellationToken);
}
