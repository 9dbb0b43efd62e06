namespace Boilerhouse.Core.Workloads;

/// <summary>deploy.resources: limits are enforced by Docker, reservations are used for placement.</summary>
public sealed record ResourceSpec(
    decimal CpuLimit,
    long MemoryLimitBytes,
    decimal CpuReservation,
    long MemoryReservationBytes,
    long PidsLimit);
