namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// How a release runs. <see cref="Sync"/> false skips the save to the sink on purpose (the
/// instance's input, its output and the container.released event say so); <see cref="Reason"/>
/// says who asked when it was not the tenant (e.g. an operator removing the container).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReleaseOptions([property: Id(0)] bool Sync = true, [property: Id(1)] string? Reason = null)
{
    public static readonly ReleaseOptions Default = new();
}
