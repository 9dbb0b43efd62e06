namespace Boilerhouse.Core.Containers;

public enum ContainerLogStream
{
    Stdout,
    Stderr,
}

/// <summary>One line a container wrote, without its line break.</summary>
public sealed record ContainerLogLine(ContainerLogStream Stream, string Text);
