namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// Object storage as the sync engine needs it: list under a prefix, read, write, delete. Keys are
/// full object keys ('/'-separated). An unreachable store (refused, timed out, 5xx) throws
/// SINK_UNAVAILABLE, anything else SYNC_FAILED; messages never carry credentials.
/// </summary>
public interface ISink
{
    /// <summary>Every object whose key starts with <paramref name="prefix"/>, across all pages.</summary>
    IAsyncEnumerable<SinkObject> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The object's content, or null when there is no such object; the caller disposes it.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) the object; returns once the store has confirmed it.</summary>
    Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the object and has the store check <paramref name="digest"/> where its protocol allows
    /// (Content-MD5); a store that confirms other bytes fails the upload. Stores without such a check
    /// (a local folder) write as <see cref="UploadAsync(string, Stream, long, CancellationToken)"/>.
    /// </summary>
    Task UploadAsync(string key, Stream content, long length, Integrity.UploadDigest digest, CancellationToken cancellationToken) =>
        UploadAsync(key, content, length, cancellationToken);

    /// <summary>Deletes the objects; missing ones are fine.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

public sealed record SinkObject(string Key, long Size);
