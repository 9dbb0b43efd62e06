using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>One sweep as the sampling silo read it: per host its report and the raw readings (so other silos compute the same rates).</summary>
[GenerateSerializer, Immutable]
public sealed record PublishedSweep(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string SampledBy,
    [property: Id(2)] IReadOnlyList<PublishedHost> Hosts);

[GenerateSerializer, Immutable]
public sealed record PublishedHost(
    [property: Id(0)] SweepReport Report,
    [property: Id(1)] IReadOnlyList<PublishedReading> Readings);

[GenerateSerializer, Immutable]
public sealed record PublishedReading(
    [property: Id(0)] ManagedContainer Container,
    [property: Id(1)] ContainerStats Reading);
