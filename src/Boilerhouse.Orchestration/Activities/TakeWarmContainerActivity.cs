using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Claim step: takes a warm container from the pool. When none is warm the claim waits in the
/// pool's line (first come, first served) up to the claim wait timeout: it asks once and is answered
/// when served, asking again only when told "still waiting" (every ~10 s) or when the pool's silo died.
/// </summary>
public sealed class TakeWarmContainerActivity(IGrainFactory grains, ContainerDestroyer destroyer, IOptions<PoolOptions> options, TimeProvider time)
    : Activity<TakeRequest, TakeResult>
{
    /// <summary>After its silo died, the pool comes back on a survivor within seconds; asking again this often finds it.</summary>
    private static readonly TimeSpan SiloLossPause = TimeSpan.FromMilliseconds(200);

    /// <summary>How long past its deadline a claim still asks after silo losses: the hand-out may have been recorded just before.</summary>
    private static readonly TimeSpan SiloLossGrace = TimeSpan.FromSeconds(60);

    // The class's former name, as stored in existing histories.
    public override string Name => "TakeWarmContainerActivity";

    // Asked again with the same instance id, the pool answers the container it handed out (its records keep
    // the claim's instance id, across restarts), so a resumed claim gets the same one: no checkpoint of its own.
    public override bool CheckpointAtOnce => false;

    public override async Task<TakeResult> RunAsync(TakeRequest input, CancellationToken cancellationToken)
    {
        var pool = grains.GetGrain<IPoolGrain>(input.PoolId);
        var deadline = time.GetUtcNow() + options.Value.ClaimWaitTimeout;
        while (true)
        {
            TakeResult result;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                result = await pool.TakeAsync(input.TenantId, input.InstanceId, deadline).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await WithdrawAsync(pool, input);
                throw;
            }
            catch (Exception ex) when (PoolSiloLost(ex) && time.GetUtcNow() < deadline + SiloLossGrace)
            {
                // Same instance id: the pool's next activation finds the hand-out if it was recorded, else lines the claim up again.
                await Task.Delay(SiloLossPause, time, cancellationToken);
                continue;
            }

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
                    $"No container of pool '{input.PoolId}' became free within {options.Value.ClaimWaitTimeout.TotalSeconds:0} s; the claims ahead of this one took them. Retry, or raise the pool's max_size.");
            }
        }
    }

    /// <summary>
    /// A terminated claim leaves the pool's line, else a container would later be handed to a claim
    /// no one runs; one handed to it meanwhile is destroyed, as any claim that fails after its take.
    /// </summary>
    private async Task WithdrawAsync(IPoolGrain pool, TakeRequest input)
    {
        TakeResult handed;
        try
        {
            handed = await pool.WithdrawAsync(input.InstanceId);
        }
        catch (Exception ex) when (PoolSiloLost(ex))
        {
            // The line died with the pool's silo: there is nothing left to leave.
            return;
        }

        if (handed.Taken)
        {
            await destroyer.DestroyAsync(input.PoolId, handed.ContainerName!, CancellationToken.None);
        }
    }

    /// <summary>The pool grain's call failed because its silo died (or the call timed out meanwhile).</summary>
    private static bool PoolSiloLost(Exception ex) => SiloLoss.Is(ex) || ex is TimeoutException;
}

/// <summary>Which pool to take from, for which tenant and claim instance.</summary>
public sealed record TakeRequest(string PoolId, string TenantId, string InstanceId);
