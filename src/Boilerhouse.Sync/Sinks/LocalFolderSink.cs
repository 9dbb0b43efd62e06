using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// A folder as a sink: keys are relative paths under it. Writes go to a temp file that is then
/// renamed, so a reader never sees half an object; a key that would leave the folder is refused.
/// </summary>
public sealed class LocalFolderSink(string root) : ISink
{
    private const string TempSuffix = ".bh-tmp";

    private readonly string _root = Path.GetFullPath(root);

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Walk only the folder the prefix names, then filter by the rest of it.
        var folder = prefix.Contains('/', StringComparison.Ordinal) ? prefix[..prefix.LastIndexOf('/')] : "";
        var start = folder.Length == 0 ? _root : PathOf(folder);
        if (!Directory.Exists(start))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                yield return new SinkObject(key, new FileInfo(file).Length);
            }
        }

        await Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null);
    }

    public async Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}{TempSuffix}";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new BoilerhouseException(ErrorCodes.SyncFailed, $"Could not write {key} into the local sink {_root}: {e.Message}", e);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                continue;
            }

            File.Delete(path);
            // Folders left empty go too, up to the root.
            for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length > _root.Length && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir))
            {
                Directory.Delete(dir);
            }
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return key.Length > 0 && !Path.IsPathRooted(key) && key.Split('/').All(s => s is not ("." or ".."))
            && path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new BoilerhouseException(ErrorCodes.SyncFailed, $"Key '{key}' would leave the local sink's folder.");
    }
}
