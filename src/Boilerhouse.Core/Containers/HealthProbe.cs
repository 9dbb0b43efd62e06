namespace Boilerhouse.Core.Containers;

/// <summary>One run of a container's health check as Docker keeps it (the last few): when, its exit code and output.</summary>
public sealed record HealthProbe(DateTimeOffset Start, DateTimeOffset End, long ExitCode, string Output);
