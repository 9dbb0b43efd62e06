using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Starts an orchestration instance, persists it, runs its body and records how it ended.
/// Failures become a Failed instance with a code, never an exception to the caller.
/// </summary>
public sealed class OrchestrationRunner(OrchestrationStore store, TimeProvider time, ILogger<OrchestrationRunner> logger)
{
    public static string NewInstanceId() => Guid.CreateVersion7().ToString("N");

    public async Task<OrchestrationOutcome<TOutput>> RunAsync<TOutput>(
        OrchestrationStart start, Func<OrchestrationContext, CancellationToken, Task<TOutput>> body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.CreateAsync(new OrchestrationRecord
        {
            InstanceId = start.InstanceId,
            Name = start.Name,
            TenantId = start.TenantId,
            PoolId = start.PoolId,
            InputJson = start.RedactedInputJson,
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CustomStatus = "Started",
            CreatedTime = now,
            LastUpdatedTime = now,
        }, cancellationToken);

        var context = new OrchestrationContext(start.InstanceId, store, time);
        try
        {
            var output = await body(context, cancellationToken);
            await store.FinishAsync(start.InstanceId, OrchestrationRuntimeStatus.Completed,
                JsonSerializer.Serialize(output, JsonDefaults.Options), null, null, CancellationToken.None);
            return new OrchestrationOutcome<TOutput>(start.InstanceId, output, null, null);
        }
        catch (Exception ex)
        {
            var (code, message) = ex is BoilerhouseException be ? (be.Code, be.Message) : (ErrorCodes.Internal, ex.Message);
            logger.LogWarning(ex, "Orchestration {Name} {InstanceId} for tenant {TenantId} failed: {Code}",
                start.Name, start.InstanceId, start.TenantId, code);
            await store.FinishAsync(start.InstanceId, OrchestrationRuntimeStatus.Failed, null, code, message, CancellationToken.None);
            return new OrchestrationOutcome<TOutput>(start.InstanceId, default, code, message);
        }
    }
}

public sealed record OrchestrationStart(string InstanceId, string Name, string? TenantId, string? PoolId, string? RedactedInputJson);

/// <summary>How an instance ended: output when it completed, an error code and message when it failed.</summary>
public sealed record OrchestrationOutcome<T>(string InstanceId, T? Output, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null;
}
