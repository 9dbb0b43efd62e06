namespace Boilerhouse.Core.Containers;

/// <summary>A container name that volumes are labelled with, and when the oldest of them was created.</summary>
public sealed record VolumeOwner(string ContainerName, DateTimeOffset CreatedAt);
