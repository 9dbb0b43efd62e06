using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Claims: a line of waiting claims served first come, first served, hand-outs written in batches.
/// </summary>
/// <remarks>
/// Why interleaving is safe: <see cref="IPoolGrain.TakeAsync"/> is <c>[AlwaysInterleave]</c> so a claim
/// never waits behind refill, reconcile or timer work, and the line is served between turns. All of
/// it still runs on the activation's one scheduler, so the book is never touched by two threads; it
/// can only change under us at an <c>await</c>. So the code here touches the book only between awaits,
/// and re-checks what it relies on after each: its one await (the batch write) is followed by
/// <see cref="PoolBook.UntakeIfStill"/> (a member another turn removed is not put back), and a take
/// that is being written is not answered from the book (<see cref="ClaimWaiter.BeingServed"/>). The
/// store writes one record at a time per activation, so a hand-out never races the grain's own write
/// of the same container. One serve loop runs at a time.
/// </remarks>
public sealed partial class PoolGrain
{
    /// <summary>A waiting call is answered "still waiting" after this long, so a lost answer cannot strand a claim.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    /// <summary>Hand-outs written in one transaction at most.</summary>
    private const int MaxBatch = 64;

    private readonly ClaimQueue _line = new();
    private bool _serving;

    public async Task<TakeResult> TakeAsync(string tenantId, string instanceId, DateTimeOffset deadline)
    {
        if (_line.Find(instanceId) is null && _book.TakenBy(instanceId) is { } already)
        {
            return PoolBook.Handed(already);
        }

        if (!_book.Reconciled)
        {
            // Through the grain's own queue, so it never runs beside another reconcile.
            await this.AsReference<IPoolGrain>().ReconcileAsync();
            if (!_book.Reconciled)
            {
                return _book.Unreachable();
            }
        }

        var waiter = _line.Join(tenantId, instanceId, deadline);
        ServeLine();
        if (!waiter.Answer.Task.IsCompleted && !waiter.BeingServed && _book.Warm.Count == 0)
        {
            Refill();
            StartForWaiters();
            RefuseWaitersWhenNothingWillCome();
        }

        return await WaitForTurnAsync(waiter);
    }

    public async Task<TakeResult> WithdrawAsync(string instanceId)
    {
        while (_line.Find(instanceId) is { } waiter)
        {
            if (!waiter.BeingServed)
            {
                _line.Settle(waiter);
                waiter.Answer.TrySetResult(TakeResult.Warming);
                break;
            }

            // Its hand-out is being written: wait for the outcome (it may go back in line if refused).
            await Task.WhenAny(waiter.Answer.Task, Task.Delay(TimeSpan.FromMilliseconds(50), time));
        }

        return _book?.TakenBy(instanceId) is { } member ? PoolBook.Handed(member) : TakeResult.Warming;
    }

    /// <summary>Waits for the waiter's answer, its deadline, or <see cref="LongestWait"/>, whichever comes first.</summary>
    private async Task<TakeResult> WaitForTurnAsync(ClaimWaiter waiter)
    {
        var wait = waiter.Deadline - time.GetUtcNow();
        if (wait > TimeSpan.Zero && !waiter.Answer.Task.IsCompleted)
        {
            using var stop = new CancellationTokenSource();
            var delay = Task.Delay(wait < LongestWait ? wait : LongestWait, time, stop.Token);
            await Task.WhenAny(waiter.Answer.Task, delay);
            await stop.CancelAsync();
        }

        if (waiter.Answer.Task.IsCompleted || waiter.BeingServed)
        {
            // Being written now: the answer follows in a moment.
            return await waiter.Answer.Task;
        }

        if (time.GetUtcNow() >= waiter.Deadline)
        {
            // Out of the line: the claim gives up (POOL_EXHAUSTED), nothing is handed out to it later.
            _line.Settle(waiter);
        }

        return TakeResult.Warming;
    }

    /// <summary>Starts serving the line unless it is being served already (then that loop goes on with whatever became warm).</summary>
    private void ServeLine()
    {
        if (!_serving && _book is not null && _line.Count > 0)
        {
            _ = ServeLineAsync();
        }
    }

    private async Task ServeLineAsync()
    {
        _serving = true;
        try
        {
            while (true)
            {
                foreach (var expired in _line.Expire(time.GetUtcNow()))
                {
                    expired.Answer.TrySetResult(TakeResult.Warming);
                }

                var batch = TakeForFrontOfLine();
                if (batch.Count == 0)
                {
                    break;
                }

                await HandOutAsync(batch);
            }

            StartForWaiters();
            RefuseWaitersWhenNothingWillCome();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Serving the claim line of pool {PoolId} failed", PoolId);
        }
        finally
        {
            _serving = false;
        }
    }

    /// <summary>
    /// Nothing warm, nothing starting, and the pool cannot start one (paused, no room, failing): the
    /// waiting claims get the reason now, as a claim arriving now would, rather than at their deadline.
    /// </summary>
    private void RefuseWaitersWhenNothingWillCome()
    {
        if (_line.Count == 0 || _book.Warm.Count > 0 || _book.RefusesWaiting() is not { } refusal)
        {
            return;
        }

        while (_line.ServeFirst() is { } waiter)
        {
            _line.Settle(waiter);
            waiter.Answer.TrySetResult(refusal);
        }
    }

    /// <summary>Claims waiting beyond what is warm or starting get containers started for them (up to max_size), so a line drains at the pace of warm-ups running side by side.</summary>
    private void StartForWaiters()
    {
        for (var i = _book.ColdStartsFor(_line.Count); i > 0; i--)
        {
            StartOne();
        }
    }

    /// <summary>Pairs the front of the line with warm containers, oldest with oldest, until either runs out.</summary>
    private List<(ClaimWaiter Waiter, PoolMember Member)> TakeForFrontOfLine()
    {
        var batch = new List<(ClaimWaiter, PoolMember)>();
        while (_book.Reconciled && batch.Count < MaxBatch && _line.First is { } first && _book.Take(first.TenantId, first.InstanceId) is { } member)
        {
            batch.Add((_line.ServeFirst()!, member));
        }

        return batch;
    }

    /// <summary>Writes the batch's hand-outs and answers each waiter; one the database refused goes back to the front of the line.</summary>
    private async Task HandOutAsync(List<(ClaimWaiter Waiter, PoolMember Member)> batch)
    {
        IReadOnlyList<HandOut> outcomes;
        try
        {
            outcomes = await _store.TryClaimAllAsync([.. batch.Select(b => b.Member)], CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The database cannot say (an outage): the containers go back to warm, the claims get the error and retry.
            foreach (var (waiter, member) in batch)
            {
                _book.UntakeIfStill(member, waiter.InstanceId);
                _line.Settle(waiter);
                waiter.Answer.TrySetException(ex);
            }

            return;
        }

        var refused = new List<ClaimWaiter>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (waiter, member) = batch[i];
            switch (outcomes[i])
            {
                case HandOut.Taken:
                    events.Publish(EventTypes.ContainerClaimed, PoolId, waiter.TenantId, member.ContainerId, member.HostId,
                        new { containerName = member.Name, instanceId = waiter.InstanceId });
                    _line.Settle(waiter);
                    waiter.Answer.TrySetResult(PoolBook.Handed(member));
                    break;
                case HandOut.TenantHoldsAnother:
                    _book.UntakeIfStill(member, waiter.InstanceId);
                    _line.Settle(waiter);
                    waiter.Answer.TrySetResult(TakeResult.Failed(ErrorCodes.TenantAlreadyClaimed,
                        $"Tenant '{waiter.TenantId}' already holds a container; release it first."));
                    break;
                default:
                    // Another activation of this pool handed it out: not ours to give; the claim keeps its place.
                    logger.LogWarning("Container {ContainerName} of pool {PoolId} was already handed out elsewhere; the database refused it to tenant {TenantId}",
                        member.Name, PoolId, waiter.TenantId);
                    _book.Remove(member.Name);
                    refused.Add(waiter);
                    break;
            }
        }

        _line.PutBack(refused);
        RefillSoon();
    }

    /// <summary>An activation that goes away answers its waiters "still waiting": they ask again, and the next activation lines them up.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var waiter in _line.All())
        {
            _line.Settle(waiter);
            waiter.Answer.TrySetResult(TakeResult.Warming);
        }

        return base.OnDeactivateAsync(reason, cancellationToken);
    }
}
