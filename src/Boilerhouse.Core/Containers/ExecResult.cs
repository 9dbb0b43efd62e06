namespace Boilerhouse.Core.Containers;

public sealed record ExecResult(long ExitCode, string Stdout, string Stderr);
