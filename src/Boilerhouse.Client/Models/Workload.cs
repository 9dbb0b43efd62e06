namespace Boilerhouse.Client.Models;

/// <summary>A workload as the workloads API lists it.</summary>
/// <param name="Id">Its id (<c>x-boilerhouse.id</c>), also its pool's.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Image">The image its containers run.</param>
/// <param name="File">The YAML file it lives in on the server.</param>
/// <param name="ETag">Its version: pass it as <c>ifMatch</c> to change it only if nobody else did since.</param>
/// <param name="MinSize">Warm containers kept ready.</param>
/// <param name="MaxSize">Containers at most.</param>
/// <param name="IdleTimeout">How long a claimed container may stay idle before release.</param>
/// <param name="Stale">True when the file on disk is invalid (or gone) and this last good version keeps running.</param>
/// <param name="Errors">Why it is stale.</param>
public sealed record Workload(
    string Id, string Name, string Image, string File, string ETag, int MinSize, int MaxSize, TimeSpan IdleTimeout,
    bool Stale, IReadOnlyList<WorkloadFileError> Errors);

/// <summary>Every workload that runs, and the files that did not load.</summary>
/// <param name="Workloads">The workloads.</param>
/// <param name="Errors">Errors of files that did not load.</param>
public sealed record WorkloadList(IReadOnlyList<Workload> Workloads, IReadOnlyList<WorkloadFileError> Errors);

/// <summary>An error in a workload file.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">Its line, when known.</param>
/// <param name="Field">The field, e.g. <c>x-boilerhouse.pool.min_size</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record WorkloadFileError(string File, int? Line, string Field, string Message);

/// <summary>A workload's file as it runs: its YAML text, exactly as written, and its version.</summary>
/// <param name="Id">The workload.</param>
/// <param name="Yaml">The file's text.</param>
/// <param name="ETag">Its version, for <c>ifMatch</c>.</param>
public sealed record WorkloadDocument(string Id, string Yaml, string? ETag);
