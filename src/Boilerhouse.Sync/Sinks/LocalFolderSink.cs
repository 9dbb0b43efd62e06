using Boilerhouse.Core.Errors;
using Boilerhouse.Sync.Sinks.Posix;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// A folder as a sink: keys are relative paths under it. Writes go to a temp file that is then
/// renamed, so a reader never sees half an object; a key that would leave the folder is refused.
/// The folder's content is untrusted (another process may plant links in it): every access walks
/// it without following links (<see cref="NoFollowTree"/>).
/// </summary>
public sealed class LocalFolderSink(string root) : ISink
{
    private const string TempSuffix = ".bh-tmp";

    private readonly NoFollowTree _tree = new(Path.GetFullPath(root));

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Walk only the folder the prefix names, then filter by the rest of it.
        var folder = prefix.Contains('/', StringComparison.Ordinal) ? CheckedKey(prefix[..prefix.LastIndexOf('/')]) : "";
        foreach (var (key, size) in _tree.Files(folder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                yield return new SinkObject(key, size);
            }
        }

        await Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_tree.OpenRead(CheckedKey(key)));

    public async Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken)
    {
        var checkedKey = CheckedKey(key);
        var temp = $".{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            await _tree.WriteAsync(checkedKey, temp, content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoilerhouseException(ErrorCodes.SyncFailed, $"Could not write {key} into the local sink {_tree.Root}: {e.Message}", e);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            _tree.Delete(CheckedKey(key));
        }

        return Task.CompletedTask;
    }

    private string CheckedKey(string key) =>
        key.Length > 0 && RelativePaths.IsSafe(key)
            ? key
            : throw new BoilerhouseException(ErrorCodes.SyncFailed, $"Key '{key}' would leave the local sink's folder {_tree.Root}.");
}
