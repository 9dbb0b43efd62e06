using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Orchestration.Hosts;

/// <summary>
/// What one container of a workload holds on its host for placement: its deploy.resources
/// reservations, or its limits where it reserves nothing (as Kubernetes defaults requests to limits).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResourceNeed(
    [property: Id(0)] decimal Cpus,
    [property: Id(1)] long MemoryBytes)
{
    public static readonly ResourceNeed None = new(0m, 0);

    public static ResourceNeed Of(ResourceSpec resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return new(
            resources.CpuReservation > 0 ? resources.CpuReservation : resources.CpuLimit,
            resources.MemoryReservationBytes > 0 ? resources.MemoryReservationBytes : resources.MemoryLimitBytes);
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Cpus:0.###} CPUs, {ByteSize.Format(MemoryBytes)}");
}
