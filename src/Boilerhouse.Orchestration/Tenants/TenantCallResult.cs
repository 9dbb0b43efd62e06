namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// The answer of a tenant grain: the orchestration instance and its output, or an error code.
/// Errors travel as data, not exceptions, so their codes survive the grain boundary.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TenantCallResult<T>(
    [property: Id(0)] string? InstanceId,
    [property: Id(1)] T? Output,
    [property: Id(2)] string? ErrorCode,
    [property: Id(3)] string? ErrorMessage,
    [property: Id(4)] bool Existing = false)
{
    public bool Succeeded => ErrorCode is null;

    public static TenantCallResult<T> Fail(string code, string message, string? instanceId = null) => new(instanceId, default, code, message);
}
