using Boilerhouse.Core.Errors;

namespace Boilerhouse.Core.Containers;

/// <summary>The container engine did not answer (down, unreachable, or timed out).</summary>
public sealed class ContainerRuntimeUnavailableException(string message, Exception? inner = null)
    : BoilerhouseException(ErrorCodes.DockerUnavailable, message, inner);
