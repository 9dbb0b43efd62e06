using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Claim step: takes a warm container from the pool. When none is warm but one is starting, waits
/// for it (a cold claim) up to the claim wait timeout.
/// </summary>
public sealed class TakeWarmContainerActivity(IGrainFactory grains, IOptions<PoolOptions> options, TimeProvider time)
    : Activity<TakeRequest, TakeResult>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // The class's former name, as stored in existing histories.
    public override string Name => "TakeWarmContainerActivity";

    public override async Task<TakeResult> RunAsync(TakeRequest input, CancellationToken cancellationToken)
    {
        var pool = grains.GetGrain<IPoolGrain>(input.PoolId);
        var deadline = time.GetUtcNow() + options.Value.ClaimWaitTimeout;
        while (true)
        {
            var result = await pool.TakeAsync(input.TenantId, input.InstanceId);
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
                    $"No container of pool '{input.PoolId}' became ready within {options.Value.ClaimWaitTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }
}

/// <summary>Which pool to take from, for which tenant and claim instance.</summary>
public sealed record TakeRequest(string PoolId, string TenantId, string InstanceId);
