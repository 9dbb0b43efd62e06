using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Pipelines;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Integrity;
using Boilerhouse.Sync.Limits;
using Boilerhouse.Sync.Sinks;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Sync;

/// <summary>
/// Moves tenant state between a container's folders and a sink, incrementally: a manifest per
/// tenant and mapping (size + SHA-256) decides what to send, and mode sync deletes on the
/// destination what the source no longer has (within the pattern). A run returns only when every
/// transfer is confirmed, else throws (SINK_UNAVAILABLE to retry, SYNC_FAILED otherwise).
/// Claim runs download, release and periodic runs upload, manual runs go the asked way.
/// </summary>
public sealed class SyncEngine(ISinkFactory sinks, SyncOptions options, TimeProvider time, ILogger<SyncEngine> logger)
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly SyncSlots _slots = new(options.MaxConcurrentRuns);
    private readonly SpoolSpace _spool = new(options.SpoolFolder, options.SpoolLimit);

    public async Task<SyncRunResult> RunAsync(SyncRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefix = SinkPrefix.For(request.Spec.Sink, request.Scope);
        using var slot = await _slots.EnterAsync(IsRestore(request), cancellationToken);
        try
        {
            var started = time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            var sink = sinks.Get(request.Spec.Sink);
            var results = new List<SyncMappingResult>();
            foreach (var (mapping, upload) in Plan(request))
            {
                var run = new MappingRun(request, mapping, sink, prefix + mapping.SinkPath, options, _spool, started);
                results.Add(upload ? await run.UploadAsync(cancellationToken) : await run.DownloadAsync(cancellationToken));
            }

            var result = new SyncRunResult(started, time.GetUtcNow(), results);
            logger.LogInformation(
                "Sync {Trigger} of tenant {TenantId} ({Sink}): {Transferred} files ({Bytes} bytes) moved, {Skipped} unchanged, {Deleted} deleted in {Ms} ms",
                request.Trigger, request.Scope.TenantId, request.Spec.Sink.Type, result.FilesTransferred, result.BytesTransferred,
                result.FilesSkipped, result.FilesDeleted, clock.ElapsedMilliseconds);
            if (result.Refused.Count > 0)
            {
                logger.LogWarning("Sync {Trigger} of tenant {TenantId} skipped {Count} files that can never be stored ({Code}): {Files}",
                    request.Trigger, request.Scope.TenantId, result.Refused.Count, result.Code, string.Join(", ", result.Refused.Take(20).Select(r => $"{r.Path}: {r.Reason}")));
            }

            return result;
        }
        catch (Exception e) when (e is not (BoilerhouseException or OperationCanceledException or ContainerRuntimeUnavailableException))
        {
            throw new BoilerhouseException(ErrorCodes.SyncFailed, $"Sync of tenant '{request.Scope.TenantId}' failed: {e.Message}", e);
        }
    }

    /// <summary>Restores (someone waits on a claim) go first in the slots; everything that uploads is a save.</summary>
    private static bool IsRestore(SyncRunRequest request) =>
        request.Trigger == SyncTrigger.Claim || (request.Trigger == SyncTrigger.Manual && request.Direction == SyncDirection.Download);

    /// <summary>The mappings a run moves, in order, and whether each goes up (true) or down.</summary>
    public static IEnumerable<(SyncMapping Mapping, bool Upload)> Plan(SyncRunRequest request)
    {
        var (mappings, policy) = (request.Spec.Mappings, request.Spec.Policy);
        var up = request.Trigger switch
        {
            SyncTrigger.Release => policy.OnRelease,
            SyncTrigger.Periodic => true,
            SyncTrigger.Manual => request.Direction is SyncDirection.Upload or SyncDirection.Both,
            _ => false,
        };
        var down = request.Trigger switch
        {
            SyncTrigger.Claim => policy.OnClaim,
            SyncTrigger.Manual => request.Direction is SyncDirection.Download or SyncDirection.Both,
            _ => false,
        };
        return mappings.Where(m => up && m.Uploads).Select(m => (m, true))
            .Concat(mappings.Where(m => down && m.Downloads).Select(m => (m, false)));
    }

    /// <summary>One mapping of one run: the container folder, the sink folder (keyBase) and its manifest.</summary>
    private sealed class MappingRun(
        SyncRunRequest request, SyncMapping mapping, ISink sink, string keyBase, SyncOptions options, SpoolSpace spool, DateTimeOffset started)
    {
        // Overwritten files wait for their journal; past this many bytes held, the journal is written and they go.
        private const long HeldOverwriteBytes = 64 * 1024 * 1024;

        private readonly int parallel = options.TransfersPerRun;
        private readonly bool _verify = options.VerifyIntegrity;

        // Bytes of archive a save reads at most: all it may store, plus one refused file skipped on the way.
        private long ReadCap => mapping.Budget.MaxTotalSize + mapping.Budget.MaxFileSize;
        private readonly long _quickCheckBefore = started.ToUnixTimeSeconds() - 2;
        private readonly GlobPattern _pattern = GlobPattern.Parse(mapping.Pattern);
        private readonly string _manifestKey = keyBase + SyncManifest.FileName;
        private int _transferred;
        private long _bytes;

        public async Task<SyncMappingResult> UploadAsync(CancellationToken cancellationToken)
        {
            var (manifest, listed) = await ReadSinkAsync(cancellationToken);
            var next = new SyncManifest();
            var skipped = 0;
            using var gate = new SemaphoreSlim(parallel);
            var uploads = new List<Task>();
            var changed = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
            // Overwrites wait for a journal (SaveJournal) that names them; new objects go at once.
            var overwrites = new List<(string Path, SpooledContent Content)>();
            long heldBytes = 0;
            var budget = new MappingBudget(mapping.Budget, options.SpoolLimit);
            var refused = new List<RefusedFile>();
            var complete = true;

            // Writes the journal for every change so far, then sends the overwrites it names.
            async Task SendOverwritesAsync()
            {
                if (overwrites.Count == 0)
                {
                    return;
                }

                await WriteManifestAsync(SaveJournal.For(manifest, changed, listed), cancellationToken);
                while (overwrites.Count > 0)
                {
                    await gate.WaitAsync(cancellationToken);
                    var (path, content) = overwrites[0];
                    overwrites.RemoveAt(0);
                    uploads.Add(SendAsync(path, content, gate, cancellationToken));
                }

                heldBytes = 0;
            }

            try
            {
                async Task OnFileAsync(ContainerFolder.File file)
                {
                    if (!_pattern.Matches(file.Path))
                    {
                        return;
                    }
    
                    if (budget.Admit(keyBase + file.Path, file.Length) is { } reason)
                    {
                        refused.Add(new RefusedFile(file.Path, file.Length, reason));
                        return;
                    }
    
                    // A pending entry (from a save that stopped half-way) does not say what the object holds.
                    var known = manifest.Files.GetValueOrDefault(file.Path) is { Pending: false } recorded ? recorded : null;
                    var modified = file.Modified.ToUnixTimeSeconds();
                    var stored = known is not null && listed.GetValueOrDefault(file.Path, -1) == known.Size;
                    // The quick check (as rsync's): same size and modification time means unchanged, without
                    // reading it. Files changed in the last seconds are always hashed, as the clock is coarse.
                    if (stored && known!.Size == file.Length && known.Modified == modified && modified < _quickCheckBefore)
                    {
                        next.Files[file.Path] = known;
                        skipped++;
                        return;
                    }
    
                    // Held overwrites must never keep the spool from taking the next big file, nor hold much memory.
                    if (file.Length > SpooledContent.MemoryLimit || heldBytes > HeldOverwriteBytes)
                    {
                        await SendOverwritesAsync();
                    }
    
                    var content = await SpooledContent.ReadAsync(file.Content, file.Length, _verify, cancellationToken, spool);
                    var entry = new ManifestEntry(content.Length, content.Sha256, QuickCheck.TimeToRecord(modified, started.ToUnixTimeSeconds()));
                    next.Files[file.Path] = entry;
                    if (stored && entry.SameContent(known))
                    {
                        skipped++;
                        await content.DisposeAsync();
                        return;
                    }
    
                    changed[file.Path] = entry;
                    if (listed.ContainsKey(file.Path))
                    {
                        overwrites.Add((file.Path, content));
                        heldBytes += content.Length;
                        return;
                    }
    
                    await gate.WaitAsync(cancellationToken);
                    uploads.Add(SendAsync(file.Path, content, gate, cancellationToken));
                }

                try
                {
                    using var local = await OpenLocalAsync(cancellationToken);
                    await (local is not null
                        ? LocalContainerFolder.ReadAsync(local, Below, OnFileAsync)
                        : ContainerFolder.ReadAsync(request.Runtime, request.ContainerId, mapping.ContainerPath, OnFileAsync, cancellationToken,
                            archive => new FolderReadMeter(archive, ReadCap, options.FolderReadTime)));
                }
                catch (FolderReadStoppedException e)
                {
                    complete = false;
                    refused.Add(new RefusedFile("*", 0, e.Message));
                }

                await SendOverwritesAsync();
                await Task.WhenAll(uploads);
            }
            finally
            {
                foreach (var (_, content) in overwrites)
                {
                    await content.DisposeAsync();
                }
            }

            // What was refused (or not read at all) keeps its earlier copy in the sink: it is neither deleted nor forgotten.
            var kept = refused.Select(r => r.Path).Where(manifest.Files.ContainsKey).ToList();
            kept.AddRange(complete ? [] : manifest.Files.Keys.Where(k => !next.Files.ContainsKey(k)));
            foreach (var key in kept)
            {
                next.Files[key] = manifest.Files[key];
            }

            var refusedPaths = refused.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            var gone = complete ? listed.Keys.Where(k => !next.Files.ContainsKey(k) && !refusedPaths.Contains(k)).ToList() : [];
            var deleted = mapping.Mode == SyncMode.Sync ? gone.Count : 0;
            if (deleted == 0)
            {
                // Copy never deletes: what stays in the sink stays in the manifest.
                foreach (var key in gone.Where(manifest.Files.ContainsKey))
                {
                    next.Files[key] = manifest.Files[key];
                }
            }

            // The final manifest goes before any delete, so it never names an object that is gone.
            if (_transferred > 0 || deleted > 0 || !SameFiles(manifest, next))
            {
                if (_transferred > 0)
                {
                    options.BeforeFinalManifest?.Invoke();
                }

                await WriteManifestAsync(next, cancellationToken);
            }

            if (deleted > 0)
            {
                await sink.DeleteAsync(gone.Select(k => keyBase + k).ToList(), cancellationToken);
            }

            return new SyncMappingResult(mapping.ContainerPath, mapping.SinkPath, "upload", _transferred, skipped, deleted, _bytes) { Refused = refused };
        }

        public async Task<SyncMappingResult> DownloadAsync(CancellationToken cancellationToken)
        {
            var (manifest, listed) = await ReadSinkAsync(cancellationToken);
            if (_verify)
            {
                RestoreCheck.RequireReadable(manifest, _manifestKey);
                RestoreCheck.RequireAllPresent(manifest, listed, keyBase);
            }

            using var local = await OpenLocalAsync(cancellationToken);
            var present = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
            async Task OnFileAsync(ContainerFolder.File file)
            {
                if (!_pattern.Matches(file.Path))
                {
                    return;
                }

                // Only a file the size of its object can already hold its bytes: the others are not read (locally).
                present[file.Path] = local is null || listed.GetValueOrDefault(file.Path, -1) == file.Length
                    ? await SpooledContent.HashAsync(file.Content, cancellationToken)
                    : new ManifestEntry(file.Length, "");
            }

            await (local is not null
                ? LocalContainerFolder.ReadAsync(local, Below, OnFileAsync)
                : ContainerFolder.ReadAsync(request.Runtime, request.ContainerId, mapping.ContainerPath, OnFileAsync, cancellationToken));

            // Fetched unless the container already has the very bytes the manifest records for it.
            var fetch = listed
                .Where(o => !(present.TryGetValue(o.Key, out var local) && local.Size == o.Value && local.SameContent(manifest.Files.GetValueOrDefault(o.Key))))
                .OrderBy(o => o.Key, StringComparer.Ordinal)
                .ToList();
            if (fetch.Count > 0)
            {
                await (local is not null
                    ? WriteIntoLocalFolderAsync(local, fetch, manifest, cancellationToken)
                    : WriteIntoContainerAsync(fetch, manifest, cancellationToken));
            }

            var stale = mapping.Mode == SyncMode.Sync ? present.Keys.Where(k => !listed.ContainsKey(k)).ToList() : [];
            if (stale.Count > 0 && local is not null)
            {
                foreach (var path in stale)
                {
                    local.Delete(LocalContainerFolder.Join(Below, path));
                }
            }
            else if (stale.Count > 0)
            {
                await DeleteInContainerAsync(stale, cancellationToken);
            }

            return new SyncMappingResult(mapping.ContainerPath, mapping.SinkPath, "download", _transferred, listed.Count - fetch.Count, stale.Count, _bytes);
        }

        /// <summary>The manifest and the listing, asked for at once (two round trips to the sink in the time of one).</summary>
        private async Task<(SyncManifest Manifest, Dictionary<string, long> Listed)> ReadSinkAsync(CancellationToken cancellationToken)
        {
            var manifest = ReadManifestAsync(cancellationToken);
            var listed = ListAsync(cancellationToken);
            await Task.WhenAll(manifest, listed);
            return (await manifest, await listed);
        }

        /// <summary>The sink's files of this mapping (relative path -> size), within the pattern; unsafe names are ignored.</summary>
        private async Task<Dictionary<string, long>> ListAsync(CancellationToken cancellationToken)
        {
            var files = new Dictionary<string, long>(StringComparer.Ordinal);
            var count = 0;
            await foreach (var o in sink.ListAsync(keyBase, cancellationToken))
            {
                if (++count > SinkReadCaps.ListingEntries)
                {
                    throw new BoilerhouseException(ErrorCodes.SyncFailed,
                        $"The sink holds more than {SinkReadCaps.ListingEntries} objects under {keyBase}; the listing is not read further.");
                }

                var path = o.Key[keyBase.Length..];
                if (path != SyncManifest.FileName && RelativePaths.IsSafe(path) && _pattern.Matches(path))
                {
                    files[path] = o.Size;
                }
            }

            return files;
        }

        private Task WriteManifestAsync(SyncManifest manifest, CancellationToken cancellationToken)
        {
            var json = manifest.ToJson();
            var stream = new MemoryStream(json, writable: false);
            return _verify
                ? sink.UploadAsync(_manifestKey, stream, json.Length, UploadDigest.Of(json), cancellationToken)
                : sink.UploadAsync(_manifestKey, stream, json.Length, cancellationToken);
        }

        private async Task<SyncManifest> ReadManifestAsync(CancellationToken cancellationToken)
        {
            if (await sink.OpenReadAsync(_manifestKey, cancellationToken) is not { } stream)
            {
                return new SyncManifest();
            }

            var capped = new CappedReadStream(stream, SinkReadCaps.ManifestBytes, $"The manifest {_manifestKey}");
            try
            {
                return await SyncManifest.ReadAsync(capped, cancellationToken);
            }
            catch (BoilerhouseException) when (capped.Exceeded)
            {
                // As a damaged manifest: it only costs a full comparison, and the next save writes a sane one.
                return new SyncManifest();
            }
        }

        private async Task SendAsync(string path, SpooledContent content, SemaphoreSlim gate, CancellationToken cancellationToken)
        {
            try
            {
                await using (content)
                {
                    await using var stream = content.Open();
                    await (content.Digest is { } digest
                        ? sink.UploadAsync(keyBase + path, stream, content.Length, digest, cancellationToken)
                        : sink.UploadAsync(keyBase + path, stream, content.Length, cancellationToken));
                }

                Interlocked.Increment(ref _transferred);
                Interlocked.Add(ref _bytes, content.Length);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>The container folder below the top of its state volume ("" when it is the top).</summary>
        private string Below => RelativePaths.Below(mapping.VolumeRoot ?? mapping.ContainerPath, mapping.ContainerPath);

        /// <summary>The state volume's folder on this machine when the runtime allows direct use of it, else null (archive API).</summary>
        private async Task<ILocalFolder?> OpenLocalAsync(CancellationToken cancellationToken) =>
            request.Runtime is ILocalFolders folders
                ? await folders.OpenLocalFolderAsync(request.ContainerId, mapping.VolumeRoot ?? mapping.ContainerPath, cancellationToken)
                : null;

        /// <summary>
        /// Streams the objects (several at once) straight into the state volume's folder, each hashed as
        /// it is written under a fresh name and renamed over its target only once it matches its manifest
        /// entry (no spool, no archive round trip); folders are owned by the container user.
        /// </summary>
        private async Task WriteIntoLocalFolderAsync(
            ILocalFolder local, IReadOnlyList<KeyValuePair<string, long>> objects, SyncManifest manifest, CancellationToken cancellationToken)
        {
            var owner = request.Owner ?? FileOwner.Nobody;
            var attributes = new LocalFileAttributes(owner.Uid, owner.Gid, FileMode, FolderMode);
            await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (o, token) =>
            {
                var (path, size) = (o.Key, o.Value);
                var stream = await sink.OpenReadAsync(keyBase + path, token)
                    ?? throw new BoilerhouseException(ErrorCodes.SyncFailed, $"{keyBase + path} vanished from the sink while it was being restored.");
                await using var content = new HashingReadStream(new CappedReadStream(stream, size, keyBase + path));
                await local.WriteAsync(LocalContainerFolder.Join(Below, path), content, attributes, () =>
                {
                    var sha256 = content.Sha256;
                    if (_verify)
                    {
                        RestoreCheck.RequireRecorded(manifest.Files.GetValueOrDefault(path), keyBase + path, content.BytesHashed, sha256);
                    }

                    return SavedTime(manifest, path, sha256);
                }, token);
                Interlocked.Increment(ref _transferred);
                Interlocked.Add(ref _bytes, content.BytesHashed);
            });
        }

        /// <summary>Restored with the time it was saved with, so the next upload's quick check knows it.</summary>
        private static DateTimeOffset SavedTime(SyncManifest manifest, string path, string sha256) =>
            manifest.Files.GetValueOrDefault(path) is { Modified: { } seconds } entry && entry.Sha256 == sha256
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UtcNow;

        /// <summary>
        /// Fetches the objects (several at once) and streams them as one tar into the container's state
        /// volume, with folders owned by the container user; files are written in the order fetched.
        /// </summary>
        private async Task WriteIntoContainerAsync(
            IReadOnlyList<KeyValuePair<string, long>> objects, SyncManifest manifest, CancellationToken cancellationToken)
        {
            var root = mapping.VolumeRoot ?? mapping.ContainerPath;
            var below = RelativePaths.Below(root, mapping.ContainerPath);
            var owner = request.Owner ?? FileOwner.Nobody;
            var pipe = new Pipe();
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var put = request.Runtime.PutArchiveAsync(request.ContainerId, root, pipe.Reader.AsStream(), cancel.Token);
            // A put that ends early (refused) must not leave the writer waiting on a pipe nobody reads.
            _ = put.ContinueWith(t => pipe.Reader.Complete(t.Exception?.GetBaseException()), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                await using (var output = pipe.Writer.AsStream())
                await using (var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var folders = new HashSet<string>(StringComparer.Ordinal);
                    await foreach (var (path, content) in FetchAsync(objects, manifest, cancel.Token))
                    {
                        var saved = SavedTime(manifest, path, content.Sha256);
                        await using (content)
                        {
                            var name = below.Length == 0 ? path : $"{below}/{path}";
                            foreach (var folder in Parents(name).Where(folders.Add))
                            {
                                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, folder + "/")
                                {
                                    Uid = owner.Uid, Gid = owner.Gid, Mode = FolderMode,
                                }, cancel.Token);
                            }

                            await using var data = content.Open();
                            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name)
                            {
                                Uid = owner.Uid, Gid = owner.Gid, Mode = FileMode, DataStream = data, ModificationTime = saved,
                            }, cancel.Token);
                            _transferred++;
                            _bytes += content.Length;
                        }
                    }
                }

                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
                await cancel.CancelAsync();
                await Task.WhenAny(put);
                throw;
            }

            await put;
        }

        /// <summary>
        /// Downloads the objects with bounded parallelism, yielding each as soon as it is in; a transfer's
        /// turn ends when the consumer has written it, so at most <c>parallel</c> objects are held at once.
        /// </summary>
        private async IAsyncEnumerable<(string Path, SpooledContent Content)> FetchAsync(
            IReadOnlyList<KeyValuePair<string, long>> objects, SyncManifest manifest,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var gate = new SemaphoreSlim(parallel);
            var pending = objects.Select(async o =>
            {
                var (path, size) = (o.Key, o.Value);
                await gate.WaitAsync(stop.Token);
                try
                {
                    var stream = await sink.OpenReadAsync(keyBase + path, stop.Token)
                        ?? throw new BoilerhouseException(ErrorCodes.SyncFailed, $"{keyBase + path} vanished from the sink while it was being restored.");
                    SpooledContent content;
                    await using (var capped = new CappedReadStream(stream, size, keyBase + path))
                    {
                        content = await SpooledContent.ReadAsync(capped, size, stop.Token, spool);
                    }

                    // Hashed while it was read: checked before a byte of it reaches the container.
                    if (_verify && manifest.Files.GetValueOrDefault(path) is { } recorded && !recorded.Allows(content.Length, content.Sha256))
                    {
                        await content.DisposeAsync();
                        RestoreCheck.RequireRecorded(recorded, keyBase + path, content.Length, content.Sha256);
                    }

                    return (path, content);
                }
                catch
                {
                    gate.Release();
                    throw;
                }
            }).ToList();
            try
            {
                while (pending.Count > 0)
                {
                    var done = await Task.WhenAny(pending);
                    pending.Remove(done);
                    yield return await done;
                    gate.Release();
                }
            }
            finally
            {
                // Stopped early (failure or the consumer gave up): nothing fetched may keep its spool space.
                await stop.CancelAsync();
                foreach (var task in pending)
                {
                    try
                    {
                        await (await task).Item2.DisposeAsync();
                    }
                    catch (Exception)
                    {
                        // Already failed or cancelled: nothing is held.
                    }
                }
            }
        }

        private async Task DeleteInContainerAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
        {
            foreach (var batch in paths.Chunk(100))
            {
                var result = await request.Runtime.ExecAsync(request.ContainerId,
                    ["rm", "-f", "--", .. batch.Select(p => $"{mapping.ContainerPath}/{p}")], cancellationToken);
                if (result.ExitCode != 0)
                {
                    throw new BoilerhouseException(ErrorCodes.SyncFailed,
                        $"Could not delete {batch.Length} files removed from the sink in {mapping.ContainerPath}: {result.Stderr.Trim()}");
                }
            }
        }

        private static IEnumerable<string> Parents(string path)
        {
            for (var i = path.IndexOf('/', StringComparison.Ordinal); i > 0; i = path.IndexOf('/', i + 1))
            {
                yield return path[..i];
            }
        }

        private static bool SameFiles(SyncManifest a, SyncManifest b) =>
            a.Files.Count == b.Files.Count && a.Files.All(f => b.Files.GetValueOrDefault(f.Key) == f.Value);
    }
}
