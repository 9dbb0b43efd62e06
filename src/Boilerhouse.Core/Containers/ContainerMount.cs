namespace Boilerhouse.Core.Containers;

/// <summary>A volume or other mount of a container: its name (volumes), where it is mounted and whether read-only.</summary>
public sealed record ContainerMount(string Type, string? Name, string Destination, bool ReadOnly);
