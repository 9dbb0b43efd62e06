using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// Compares a tenant's saved objects with its manifests (every object read and hashed as it streams)
/// and reports what is missing or differs. Reads only: nothing in the sink or any container changes.
/// </summary>
public sealed class StateVerifier(ISinkFactory sinks)
{
    public async Task<StateReport> VerifyAsync(SyncSpec spec, SyncScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scope);
        var prefix = SinkPrefix.For(spec.Sink, scope);
        var sink = sinks.Get(spec.Sink);
        var reports = new List<MappingStateReport>();
        foreach (var mapping in spec.Mappings.DistinctBy(m => m.SinkPath))
        {
            reports.Add(await VerifyMappingAsync(sink, prefix + mapping.SinkPath, mapping, cancellationToken));
        }

        var intact = reports.All(r => r.Manifest != "unreadable" && r.Missing.Count == 0 && r.Differs.Count == 0);
        return new StateReport(scope.TenantId, scope.PoolId, intact, reports);
    }

    private static async Task<MappingStateReport> VerifyMappingAsync(ISink sink, string keyBase, SyncMapping mapping, CancellationToken cancellationToken)
    {
        var stream = await sink.OpenReadAsync(keyBase + SyncManifest.FileName, cancellationToken);
        var state = stream is null ? "absent" : "present";
        var manifest = await SyncManifest.ReadAsync(stream, cancellationToken);
        if (manifest.Unreadable)
        {
            state = "unreadable";
        }

        var pattern = GlobPattern.Parse(mapping.Pattern);
        var listed = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var o in sink.ListAsync(keyBase, cancellationToken))
        {
            var path = o.Key[keyBase.Length..];
            if (path != SyncManifest.FileName && RelativePaths.IsSafe(path) && pattern.Matches(path))
            {
                listed[path] = o.Size;
            }
        }

        var (missing, differs, pending) = (new List<string>(), new List<DifferingObject>(), new List<string>());
        var checkedCount = 0;
        foreach (var (path, recorded) in manifest.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (recorded.Pending)
            {
                pending.Add(path);
            }

            if (!listed.ContainsKey(path))
            {
                if (recorded.MustExist)
                {
                    missing.Add(path);
                }

                continue;
            }

            var content = await sink.OpenReadAsync(keyBase + path, cancellationToken);
            if (content is null)
            {
                missing.Add(path);
                continue;
            }

            ManifestEntry actual;
            await using (content)
            {
                actual = await SpooledContent.HashAsync(content, cancellationToken);
            }

            checkedCount++;
            if (!recorded.Allows(actual.Size, actual.Sha256))
            {
                differs.Add(new DifferingObject(path, recorded.Size, recorded.Sha256, actual.Size, actual.Sha256));
            }
        }

        var unrecorded = listed.Keys.Where(k => !manifest.Files.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new MappingStateReport(mapping.SinkPath, state, checkedCount, missing, differs, pending, unrecorded);
    }
}
