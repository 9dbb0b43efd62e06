namespace Boilerhouse.Orchestration.Resources;

/// <summary>One sweep's result on one Docker host: its report and a sample per running container it read.</summary>
public sealed record HostSweep(SweepReport Report, IReadOnlyList<SampledContainer> Samples);

public sealed record SampledContainer(ManagedContainer Container, ContainerSample Sample);
