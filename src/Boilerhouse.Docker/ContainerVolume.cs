using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Docker;

/// <summary>A named Docker volume that Boilerhouse creates for one container and mounts at <see cref="Target"/>.</summary>
public sealed record ContainerVolume(string Name, string Target, bool ReadOnly, VolumeRole Role);
