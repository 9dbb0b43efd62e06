namespace Boilerhouse.Core.Shell;

/// <summary>
/// How a command ended. <see cref="ExitCode"/> is null when the engine never recorded one (a timed-out
/// command whose processes could not all be killed).
/// </summary>
public sealed record CommandResult(long? ExitCode, string Stdout, string Stderr, bool Truncated, bool TimedOut, TimeSpan Duration);
