using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Takes a warm container from the pool. When none is warm but one is starting, waits for it (a cold
/// claim) up to the claim wait timeout.
/// </summary>
public sealed class TakeWarmContainerActivity(IGrainFactory grains, IOptions<PoolOptions> options, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<TakeResult> RunAsync(string poolId, string tenantId, string instanceId, CancellationToken cancellationToken)
    {
        var pool = grains.GetGrain<IPoolGrain>(poolId);
        var deadline = time.GetUtcNow() + options.Value.ClaimWaitTimeout;
        while (true)
        {
            var result = await pool.TakeAsync(tenantId, instanceId);
            if (result.Taken)
            {
                return result;
            }

            if (result.ErrorCode is not null)
            {
                throw new BoilerhouseException(result.ErrorCode, result.ErrorMessage ?? result.ErrorCode);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new BoilerhouseException(ErrorCodes.PoolExhausted,
                    $"No container of pool '{poolId}' became ready within {options.Value.ClaimWaitTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}
