namespace Boilerhouse.Client.Models;

/// <summary>A command to run in a tenant's container: the program and its arguments, with no shell in between.</summary>
/// <param name="Command">The program and its arguments; use <c>["sh", "-c", "..."]</c> for a shell.</param>
public sealed record ExecRequest(IReadOnlyList<string> Command)
{
    /// <summary>When every process the command started is killed (1-600 s; the server's default is 30 s).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Environment variables for the command.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The absolute folder to run in, e.g. <c>/state</c>.</summary>
    public string? WorkingDirectory { get; init; }
}

/// <summary>How a command ended.</summary>
/// <param name="ExitCode">Its exit code; null when the engine recorded none (as after a timeout kill).</param>
/// <param name="Stdout">Its standard output as UTF-8 text (at most 1 MiB).</param>
/// <param name="Stderr">Its standard error as UTF-8 text (at most 1 MiB).</param>
/// <param name="Truncated">True when either stream went past 1 MiB and the rest was dropped.</param>
/// <param name="TimedOut">True when it was killed at its deadline.</param>
/// <param name="DurationMs">How long it ran.</param>
public sealed record ExecResult(long? ExitCode, string Stdout, string Stderr, bool Truncated, bool TimedOut, long DurationMs);

/// <summary>One exec or terminal session of the command log: who ran what, where, when, and how it ended.</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="Started">When it started.</param>
/// <param name="Kind"><c>exec</c> or <c>terminal</c>.</param>
/// <param name="TenantId">The tenant (null for a terminal opened on a container by id).</param>
/// <param name="ContainerId">The container.</param>
/// <param name="HostId">The container's Docker host.</param>
/// <param name="KeyId">The API key that ran it.</param>
/// <param name="KeyName">That key's name.</param>
/// <param name="Command">The program and its arguments.</param>
/// <param name="DurationMs">How long it ran.</param>
/// <param name="ExitCode">Its exit code, when one was recorded.</param>
/// <param name="TimedOut">True when it was killed at its deadline.</param>
/// <param name="Error">Why it did not run or end normally.</param>
public sealed record CommandLogEntry(
    long Id, DateTimeOffset Started, string Kind, string? TenantId, string ContainerId, string HostId, string? KeyId, string? KeyName,
    IReadOnlyList<string> Command, long DurationMs, long? ExitCode, bool TimedOut, string? Error);

internal sealed record CommandPage(IReadOnlyList<CommandLogEntry> Entries, string? Next);
