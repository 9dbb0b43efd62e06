namespace Boilerhouse.Client.Models;

/// <summary>A tenant's saved state checked against its manifests.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PoolId">The pool whose sink was read.</param>
/// <param name="Intact">True when nothing is missing, differs or is unreadable.</param>
/// <param name="Mappings">One report per sync mapping.</param>
public sealed record StateReport(string TenantId, string PoolId, bool Intact, IReadOnlyList<MappingStateReport> Mappings);

/// <summary>One sync mapping's folder in the sink.</summary>
/// <param name="SinkPath">The folder in the sink.</param>
/// <param name="Manifest"><c>present</c>, <c>absent</c> (nothing saved yet) or <c>unreadable</c>.</param>
/// <param name="Checked">Objects checked.</param>
/// <param name="Missing">Objects the manifest names that are not there.</param>
/// <param name="Differs">Objects whose bytes are not what the manifest recorded.</param>
/// <param name="Pending">Objects a save that stopped half-way may have rewritten (either content is accepted).</param>
/// <param name="Unrecorded">Objects no manifest names.</param>
public sealed record MappingStateReport(
    string SinkPath, string Manifest, int Checked, IReadOnlyList<string> Missing, IReadOnlyList<DifferingObject> Differs,
    IReadOnlyList<string> Pending, IReadOnlyList<string> Unrecorded);

/// <summary>An object whose bytes differ from its manifest's record.</summary>
/// <param name="Path">The object.</param>
/// <param name="ExpectedSize">The recorded size.</param>
/// <param name="ExpectedSha256">The recorded hash.</param>
/// <param name="ActualSize">The size found.</param>
/// <param name="ActualSha256">The hash found.</param>
public sealed record DifferingObject(string Path, long ExpectedSize, string ExpectedSha256, long ActualSize, string ActualSha256);
