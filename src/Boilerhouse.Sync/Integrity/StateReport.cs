namespace Boilerhouse.Sync.Integrity;

/// <summary>What a tenant's saved state looks like against its manifests; Intact when nothing is missing, differs or is unreadable.</summary>
public sealed record StateReport(string TenantId, string PoolId, bool Intact, IReadOnlyList<MappingStateReport> Mappings);

/// <summary>
/// One mapping's folder in the sink. Manifest: "present", "absent" (nothing saved yet) or "unreadable".
/// Pending: files a save that stopped half-way may or may not have rewritten (either content is accepted).
/// Unrecorded: objects no manifest names (put there by hand), restored as they are.
/// </summary>
public sealed record MappingStateReport(
    string SinkPath, string Manifest, int Checked, IReadOnlyList<string> Missing, IReadOnlyList<DifferingObject> Differs,
    IReadOnlyList<string> Pending, IReadOnlyList<string> Unrecorded);

/// <summary>An object whose bytes are not what its manifest recorded.</summary>
public sealed record DifferingObject(string Path, long ExpectedSize, string ExpectedSha256, long ActualSize, string ActualSha256);
